import { checkMessageBlocks } from '../support/block-kit-rules';
import { directoryPage, DIRECTORY_PAGE_SIZE, type DirectoryEntry } from '../../blocks/directory';

function entry(n: number): DirectoryEntry {
  return {
    match: { userId: `UM${n}`, score: 3, sharedAcademic: ['Marketing'], sharedCareer: [], matchedWords: [] },
    mentor: {
      userId: `UM${n}`,
      role: 'mentor',
      displayName: `Mentor <${n}> & co`,
      academicInterests: ['Marketing'],
      careerInterests: [],
      otherInterests: '',
      communicationPreferences: ['slack'],
      bio: 'x'.repeat(900),
      occupation: 'Director',
      industry: 'Retail',
      capacity: 3,
      openRelationships: 1,
      listed: true,
      approved: true,
    },
    freeSeats: 2,
  };
}

describe('the directory page', () => {
  const many = Array.from({ length: 40 }, (_, i) => entry(i));

  it(`shows ${DIRECTORY_PAGE_SIZE} mentors a page, within Block Kit's limits, with paging buttons`, () => {
    const first = directoryPage(many, [], 1);
    expect(checkMessageBlocks(first.blocks)).toEqual([]);
    expect(JSON.stringify(first.blocks).match(/directory_request/g)).toHaveLength(DIRECTORY_PAGE_SIZE);
    expect(JSON.stringify(first.blocks)).toContain('directory_page_next');
    expect(JSON.stringify(first.blocks)).not.toContain('directory_page_prev');
    const last = directoryPage(many, ['market'], 5);
    expect(checkMessageBlocks(last.blocks)).toEqual([]);
    expect(JSON.stringify(last.blocks)).toContain('directory_page_prev');
    expect(JSON.stringify(last.blocks)).not.toContain('directory_page_next');
  });

  it('escapes names people typed', () => {
    const text = JSON.stringify(directoryPage([entry(1)], [], 1).blocks);
    expect(text).toContain('Mentor &lt;1&gt; &amp; co');
  });

  it('clamps a page number past the end to the last page', () => {
    expect(directoryPage(many, [], 99).text).toContain('page 5 of 5');
  });
});
