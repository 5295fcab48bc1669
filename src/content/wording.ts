/**
 * Everything the bot says, in one place, so another program can re-word it without touching code.
 * Texts that name the program or its office take them from configuration (`ProgramSettings`).
 * Written for this bot from the program's mentoring guide; keep the guide's facts, use our own words.
 */

export interface ProgramSettings {
  readonly name: string;
  readonly contact: string;
  readonly evaluationFormUrl?: string | undefined;
}

/** A command's summary and, for each of its sub-commands, the help line (what it does). */
export interface CommandWording<Key extends string> {
  readonly summary: string;
  readonly does: Readonly<Record<Key, string>>;
}

/**
 * The help wording for every command and sub-command. Which sub-commands exist, who may use them and
 * their arguments are in the command table (src/slack/commands/command-table.ts), which picks its help
 * lines from here; the help, App Home's hints and the manifest test are built from that table.
 */
export function commandWording(program: ProgramSettings) {
  return {
    '/mentoring': {
      summary: `Your place in the ${program.name}: where your mentoring relationship stands and what comes next.`,
      does: {
        status: 'Your mentoring relationships and the stage each one is in.',
        stage: 'What your current stage is for and what comes next.',
        agreements: 'Stage 1: record how often and how you will be in touch, and confidentiality.',
        pause:
          'Pause the bot’s prompts to your pair for a few weeks (name your partner if you have several).',
        resume: 'Start the bot’s prompts to your pair again before the pause ends.',
        end: 'End a mentoring relationship early, with a reason.',
        met: 'Note that you met (today, or a day since your relationship began): only the date is kept.',
        admin: 'Program staff only: applications waiting for review, matching and suggestions.',
      },
    },
    '/mentoring admin': {
      summary: `Program staff tools for the ${program.name}. Available to members of the staff channel.`,
      does: {
        match: 'Ask a mentor to take a mentee, on staff’s behalf.',
        suggest: 'Unmatched approved mentees with their three best mentors.',
        pending: 'Applications waiting for a decision.',
        report:
          'Program health for a term (`2026`, `2026-fall`, `2026-09-01..2026-12-31`; none: all time): counts and dates only.',
        export:
          'CSV files of the program’s records (no bios or anything people wrote), uploaded to the staff channel.',
        'at-risk':
          'Relationships that may need the office, most urgent first, with the reasons and dates; nudge the pair or mark handled.',
        // Data requests.
        'export-user': 'A person’s own data, as a JSON file uploaded to the staff channel.',
        forget:
          'Erase a person’s personal data everywhere (after a confirmation); counts, dates and statuses stay.',
        // Keeping the directory current.
        directory:
          'Every approved mentor: seats used and offered, when last active, and whether listed (counts and dates only).',
        relist: 'List a mentor in the directory again; they are told.',
        unlist:
          'Take a mentor out of the directory, with a reason they read; requests waiting on them are released.',
      },
    },
    '/mentor': {
      summary: 'For alumni who mentor students.',
      does: {
        apply: 'Apply to mentor (or edit an application that is still waiting).',
        capacity: 'How many mentees you can take at once.',
        list: 'Show yourself in the mentoring directory.',
        unlist: 'Hide yourself from the directory (your mentees are not affected).',
        fit: 'After your first meeting: assess whether you are the right mentor.',
        mentees: 'Each of your mentees: the stage, the next and any late check-in dates, and any pause.',
      },
    },
    '/mentee': {
      summary: 'For students looking for an alumni mentor.',
      does: {
        apply: 'Apply to the program (or edit an application that is still waiting).',
        find: 'Browse mentors with a free seat, best matches first.',
        request: 'Ask a mentor from the directory to work with you.',
      },
    },
    '/goals': {
      summary: 'SMART goals: Specific, Measurable, Achievable, Relevant and Time-based.',
      does: {
        write: 'Mentees: write or edit your 1–3 goals, with actions and three check-in dates.',
        read: 'Mentors: read a mentee’s goals.',
      },
    },
    '/checkin': {
      summary: 'Report progress on your goals: a status, the evidence, and any support you need.',
      does: {
        open: 'Mentees: open the check-in form for your current goals. Mentors: see each mentee’s next and late check-in dates.',
      },
    },
  } satisfies Record<string, CommandWording<string>>;
}
export type CommandWordings = ReturnType<typeof commandWording>;

export const wording = {
  help: {
    heading: (command: string) => `How to use ${command}`,
    unknownArgument: (command: string, given: string) =>
      `I don’t know \`${command} ${given}\`. Here is what it can do:`,
    footer: (program: ProgramSettings) => `Questions about the program? Contact ${program.contact}.`,
  },
  errors: {
    unexpected: (reference: string) =>
      `Sorry, something went wrong on our side. Please try again in a moment; if it keeps happening, tell the program office and quote reference ${reference}.`,
    staffOnly: 'That is for program staff only. If you need something changed, ask in the staff channel.',
    /** The program's records (MongoDB) are out of reach for a moment, e.g. while the database restarts. */
    unavailable: "We can't reach the program's records just now. Please try again in a moment.",
  },
  /** The title of a small modal that carries a note where Slack gives no other way to answer a click. */
  notice: { title: 'Mentoring' },
  /** Buttons and forms on old messages whose ids this version no longer knows (messages live forever). */
  outdated: {
    buttonTitle: 'Button out of date',
    button:
      'This button is from an earlier version of the mentoring bot and no longer does anything. Open the bot’s *Home* tab for what you can do now, or type `/mentoring help`.',
    formTitle: 'Form out of date',
    /** The title over a refusal shown in place of a form that has no field to show it under. */
    notSavedTitle: 'Not saved',
    form: 'This form is from an earlier version of the mentoring bot, so nothing was saved. Please close it and start again from the bot’s *Home* tab or `/mentoring help`.',
    command: (command: string) =>
      `The mentoring bot no longer answers \`${command}\`. Type \`/mentoring help\` to see what it can do.`,
  },
};

/** A block quote of every line (a `>` only quotes up to the end of its line). */
const quote = (text: string) => `>${text.replace(/\n/g, '\n>')}`;

const roleName = { mentor: 'mentor', mentee: 'mentee' } as const;
type Role = keyof typeof roleName;

export const channelLabels: Record<'slack' | 'video' | 'phone' | 'email', string> = {
  slack: 'Slack messages',
  video: 'Video calls',
  phone: 'Phone calls',
  email: 'Email',
};

export const applicationWording = {
  modalTitle: (role: Role) => (role === 'mentor' ? 'Mentor application' : 'Mentee application'),
  submit: (editing: boolean) => (editing ? 'Save changes' : 'Submit'),
  intro: (role: Role, program: ProgramSettings, editing: boolean) =>
    editing
      ? 'Your application is still waiting for review; change anything below and save.'
      : role === 'mentor'
        ? `Thank you for offering your time to students in the ${program.name}. Tell us about your path so we can match you with students who share your interests.`
        : `The ${program.name} pairs you with an alumnus or alumna who shares your academic and career interests. Tell us about yourself so we can find a good match.`,
  labels: {
    displayName: 'Your name',
    degree: 'Degree and major',
    graduationYear: 'Graduation year',
    occupation: 'Occupation',
    industry: 'Industry',
    academicInterests: 'Academic interests',
    careerInterests: 'Career interests',
    otherInterests: 'Other interests (in your words)',
    communicationPreferences: 'How you like to stay in touch',
    capacity: 'Mentees you can take at once',
    bio: 'About you',
    confidentialityAcknowledged: 'Confidentiality',
  },
  hints: {
    otherInterests: 'Anything the lists above miss.',
    bioMentor: 'Your path since graduating, and what you enjoy helping with.',
    bioMentee: 'Your studies, what you hope to get from a mentor, and any goals you already have.',
    capacity: 'You can change this later with /mentor capacity.',
  },
  confidentiality: 'I will keep what my mentoring partner shares with me confidential.',
  /** Under a form field, for each error code the application's rules return. */
  errors: {
    nameRequired: 'Tell us the name you go by.',
    tooLong: (max: number) => `Keep this to ${max} characters or fewer.`,
    interestsRequired: 'Pick at least one, or describe your interests in the box below.',
    tooManyInterests: (max: number) => `Pick at most ${max}.`,
    unknownInterest: 'Pick from the list; anything else can go in the box below.',
    channelsRequired: 'Pick at least one way to stay in touch.',
    bioRequired: 'A few sentences help your match get to know you.',
    required: 'This is needed for the directory.',
    graduationYear: (earliest: number, latest: number) =>
      `Enter the year you graduated, from ${earliest} to ${latest}.`,
    capacity: (min: number, max: number) =>
      `Pick how many mentees you can take at once, from ${min} to ${max}.`,
    confidentiality: 'Please acknowledge the confidentiality agreement to take part.',
  },
  received: (role: Role, program: ProgramSettings, edited: boolean) =>
    edited
      ? `Your changes are saved. Your ${roleName[role]} application is still with the ${program.name} staff.`
      : `Thank you! Your ${roleName[role]} application is with the ${program.name} staff. You will hear from me here in Slack when they have reviewed it. Until then you can change it with \`/${role} apply\`.`,
  receivedTitle: 'Application received',
  sending: 'Sending your application…',
  /** `why`: the short apology, with its reference; the form comes back with everything typed in it. */
  notSaved: (why: string) =>
    `:warning: Your application was not saved. ${why} Everything you typed is still below: submit it again.`,
  approved: (role: Role, program: ProgramSettings, capacity?: number) =>
    role === 'mentor'
      ? `Welcome to the ${program.name}! Your mentor application was approved and you are now listed in the mentoring directory with room for ${capacity ?? 1} mentee(s). When a student asks for you, I will send you their summary here to accept or decline. Change how many mentees you take with \`/mentor capacity\` and a number from 1 to 5, or step out of the directory with \`/mentor unlist\`.`
      : `Welcome to the ${program.name}! Your application was approved. Browse mentors who share your interests with \`/mentee find\` (add words to narrow it, e.g. \`/mentee find marketing\`), then ask one with the Request button.`,
  /** `reason`: what the staff member typed, already escaped for mrkdwn. */
  declined: (role: Role, program: ProgramSettings, reason: string) =>
    `Thank you for applying to the ${program.name} as a ${roleName[role]}. The staff were not able to approve your application this time.\n${quote(reason)}\nIf you have questions, please contact ${program.contact}.`,
  card: {
    heading: (role: Role) => (role === 'mentor' ? 'New mentor application' : 'New mentee application'),
    edited: 'The applicant edited this application.',
    approve: 'Approve',
    decline: 'Decline',
    approvedBy: (staffMention: string, when: string) =>
      `:white_check_mark: Approved by ${staffMention} on ${when}`,
    declinedBy: (staffMention: string, when: string) => `:x: Declined by ${staffMention} on ${when}`,
    alreadyDecided: 'Someone already decided on this application; the card now shows who.',
  },
  declineModal: {
    title: 'Decline application',
    label: 'Reason, shared with the applicant',
    placeholder: 'For example: the program is only open to current students this term.',
    submit: 'Decline',
    reasonRequired: 'Give the applicant a short reason.',
  },
};

export const directoryWording = {
  /** `released`: requests waiting on the mentor passed back because the new capacity leaves no seat. */
  capacitySet: (capacity: number, released = 0) =>
    `Done: you can now mentor up to ${capacity} mentee(s) at once.${released > 0 ? ` With no seat left, the ${released === 1 ? 'request' : `${released} requests`} waiting on you went back to the student${released === 1 ? '' : 's'}, who ${released === 1 ? 'was' : 'were'} told.` : ''}`,
  capacityBelowOpen: (open: number) =>
    `You have ${open} open mentoring relationship(s), so your capacity can't go below ${open}. It changes back once one ends.`,
  capacityUsage: 'Tell me a number from 1 to 5, for example `/mentor capacity 2`.',
  notAMentor:
    'This is for approved mentors. Apply with `/mentor apply`; staff review applications on a rolling basis.',
  notAMentee:
    'This is for approved mentees. Apply with `/mentee apply`; staff review applications on a rolling basis.',
  listed: 'You are listed in the mentoring directory. Students with shared interests can now request you.',
  unlisted:
    'You are no longer listed in the directory. Your current mentees are not affected; `/mentor list` brings you back.',
  /** `searched`: the search words as the person typed them, already escaped for mrkdwn ('' for none). */
  heading: (searched: string, page: number, pages: number) =>
    `*Mentors with a free seat${searched ? ` matching “${searched}”` : ''}* (page ${page} of ${pages}), best matches first`,
  noMatches: (searched: string) =>
    searched
      ? `No mentor with a free seat matches “${searched}” right now. Try fewer or broader words, or \`/mentee find\` to see everyone with a seat.`
      : 'No mentor has a free seat right now. New mentors join all the time; try again in a few days, or ask the program staff.',
  sharedAcademic: 'Shared academic interests',
  sharedCareer: 'Shared career interests',
  matchedWords: 'Matches your words',
  noSharedInterests: 'No shared interests listed yet',
  seats: (free: number) => `${free} seat${free === 1 ? '' : 's'} free`,
  request: 'Request',
  previous: 'Previous',
  next: 'Next',
};

export const requestWording = {
  usage: 'Name the mentor, for example `/mentee request @alex`. Find mentors with `/mentee find`.',
  sent: (mentorMention: string) =>
    `I sent your request to ${mentorMention}. They have a week to answer; I will let you know here either way.`,
  sentByStaff: (menteeMention: string, mentorMention: string) =>
    `Request sent to ${mentorMention} on behalf of ${menteeMention}.`,
  menteeToldOfStaffMatch: (mentorMention: string) =>
    `The program staff suggested ${mentorMention} as your mentor and sent them a request. I will let you know when they answer.`,
  refusals: {
    self: 'You can’t request yourself as a mentor.',
    menteeNotApproved: 'Requests are open to approved mentees. Apply with `/mentee apply`.',
    mentorUnavailable:
      'That person isn’t taking mentees through the directory right now. Browse mentors with a free seat with `/mentee find`.',
    mentorFull:
      'That mentor has no free seat right now. Browse mentors with a free seat with `/mentee find`.',
    tooManyPending: (limit: number) =>
      `You already have ${limit === 1 ? 'a request' : `${limit} requests`} waiting for an answer. Once a mentor answers (or a request lapses after 14 days) you can ask someone else.`,
    alreadyPaired: 'You already have a request or relationship with this mentor.',
  },
  mentorCard: {
    text: (menteeMention: string) => `${menteeMention} would like you to be their mentor.`,
    intro: (menteeMention: string, byStaff: boolean) =>
      byStaff
        ? `The program staff think you and ${menteeMention} would be a good match, and ask whether you will mentor them.`
        : `${menteeMention} found you in the mentoring directory and would like you to be their mentor.`,
    accept: 'Accept',
    decline: 'Decline',
    accepted: (when: string) =>
      `:white_check_mark: You accepted on ${when}. I opened a group DM for the two of you.`,
    declined: (when: string) => `You declined on ${when}. I let them know, kindly.`,
    lapsed: 'This request lapsed after 14 days without an answer.',
    reminder: (menteeMention: string) =>
      `A reminder: ${menteeMention} asked you to be their mentor a week ago. Please accept or decline (above) so they can move on either way; the request lapses after 14 days.`,
    answered: 'This request has already been answered.',
    notYours: 'Only the mentor who was asked can answer this request.',
    noSeat:
      'You have no free seat left, so this request can’t be accepted now. Raise your capacity with `/mentor capacity`, or decline.',
  },
  menteeTold: {
    declined: (mentorMention: string) =>
      `${mentorMention} isn’t able to take a mentee right now. That is no reflection on you; try \`/mentee find\` for other mentors who share your interests.`,
    lapsed: (mentorMention: string) =>
      `${mentorMention} didn’t answer your request within 14 days, so it has lapsed. Try \`/mentee find\` for other mentors with a free seat.`,
  },
  conversationFailed: {
    mentor:
      'I couldn’t open a group DM with your mentee (their Slack account may be deactivated), so nothing was changed. The program staff have been told.',
    staff: (mentorMention: string, menteeMention: string, error: string) =>
      `:warning: I couldn’t open the group DM for ${mentorMention} and ${menteeMention} (Slack said \`${error}\`). The request is still open; please check both accounts.`,
  },
};

export const introductionWording = {
  text: (mentorMention: string, menteeMention: string) =>
    `Welcome, ${mentorMention} and ${menteeMention}! This is your private space in the mentoring program.`,
  welcome: (program: ProgramSettings) => `:wave: *Welcome to your ${program.name} mentoring space*`,
  whoIsWho: (mentorMention: string, mentorLine: string, menteeMention: string, menteeLine: string) =>
    `*Mentor:* ${mentorMention}${mentorLine ? ` — ${mentorLine}` : ''}\n*Mentee:* ${menteeMention}${menteeLine ? ` — ${menteeLine}` : ''}`,
  shared: (interests: string[]) =>
    interests.length
      ? `*You share:* ${interests.join(', ')}`
      : '*You share:* a conversation waiting to happen.',
  nextSteps: (mentorMention: string) =>
    `*What happens next*\n1. Agree how you like to stay in touch (buttons below).\n2. Meet for the first time — by video or in person if you can — to talk about backgrounds, interests and what you each expect.\n3. After that meeting, ${mentorMention} takes a moment to consider fit with \`/mentor fit\`; then you start building the relationship together.`,
  confidentiality:
    'What you share here stays between the two of you (program staff see only dates and stages).',
  shareMentor: 'Mentor: how to reach me',
  shareMentee: 'Mentee: how to reach me',
  prefsModalTitle: 'Staying in touch',
  prefsLabel: 'Ways you’d like to stay in touch',
  prefsSubmit: 'Share',
  prefsShared: (mention: string, channels: string[]) => `${mention} prefers: ${channels.join(', ')}.`,
  notInPair: 'Only the two people in this mentoring relationship can answer this.',
  wrongSide: (side: 'mentor' | 'mentee') => `This button is for the ${side}.`,
};

export const staffWording = {
  matchUsage: 'Name a mentee and a mentor, for example `/mentoring admin match @sam @alex`.',
  suggestHeading: (count: number) => `*Unmatched approved mentees* (${count}), with their three best mentors`,
  suggestNone: 'Every approved mentee has a request or a mentor. Nothing to suggest.',
  suggestNoMentors: 'no mentor with a free seat',
  pendingHeading: (count: number) => `*Applications waiting for a decision* (${count})`,
  pendingNone: 'No applications are waiting.',
  pendingMore: (count: number) => `…and ${count} more.`,
};

/** `/mentoring admin report` and `/mentoring admin export`: figures and files for staff, never what people wrote. */
export const reportWording = {
  title: (term: string) => (term === 'all' ? '*Program report: all time*' : `*Program report: ${term}*`),
  span: (from: string | undefined, to: string | undefined, asOf: string) =>
    from && to ? `${from} to ${to}, as of ${asOf}` : `Everything recorded, as of ${asOf}`,
  badTerm: (typed: string) =>
    `I can’t read the term “${typed}”. Try \`2026\`, \`2026-spring\`, \`2026-summer\`, \`2026-fall\` or a date range such as \`2026-09-01..2026-12-31\` (or nothing, for all time).`,
  people: (role: string, counts: { submitted: number; approved: number; declined: number }) =>
    `• ${role}: ${counts.approved} approved, ${counts.submitted} waiting, ${counts.declined} declined`,
  peopleHeading: '*People* (each person’s latest application in the term)',
  relationshipsHeading: (count: number) => `*Relationships* live in the term: ${count}`,
  statusNames: {
    requested: 'requested',
    introduced: 'introduced',
    stage1: 'stage 1',
    stage2: 'stage 2',
    stage3: 'stage 3',
    stage4: 'stage 4',
    completed: 'completed',
    declined: 'request declined',
    lapsed: 'request lapsed',
    withdrawn: 'request withdrawn',
    not_a_fit: 'not a fit',
    ended_early: 'ended early',
    released: 'request released',
  } as Record<string, string>,
  duration: (summary: { count: number; medianDays?: number | undefined; p90Days?: number | undefined }) =>
    summary.count === 0
      ? 'none yet'
      : `median ${summary.medianDays} ${summary.medianDays === 1 ? 'day' : 'days'}, 90th percentile ${summary.p90Days} ${summary.p90Days === 1 ? 'day' : 'days'} (${summary.count})`,
  timeToMatch: (spread: string) =>
    `*Time to match* (a mentee’s approval to their first introduction): ${spread}`,
  timeToFirstMeeting: (spread: string, source: 'meetings' | 'fit_decision') =>
    source === 'meetings'
      ? `*Time to first meeting* (introduction to the first meeting logged): ${spread}`
      : `*Time to first meeting* (meetings are not recorded; counted to the mentor’s fit decision, made after the first meeting): ${spread}`,
  checkIns: (c: { onTime: number; late: number; missed: number }) =>
    `*Check-ins* (scheduled dates so far): ${c.onTime} on time, ${c.late} late, ${c.missed} missed`,
  goals: (g: Record<string, number>) =>
    `*Goals* (latest check-in status): ${g.done ?? 0} done, ${g.on_track ?? 0} on track, ${g.at_risk ?? 0} at risk, ${g.not_started ?? 0} not started, ${g.no_check_in ?? 0} without a check-in yet`,
  endings: (e: {
    completed: number;
    endedEarly: number;
    endedEarlyBy: { mentor: number; mentee: number; staff: number };
    notAFit: number;
    declined: number;
    lapsed: number;
    withdrawn: number;
    released: number;
  }) =>
    `*Endings*: ${e.completed} completed; ${e.endedEarly} ended early (by the mentor ${e.endedEarlyBy.mentor}, the mentee ${e.endedEarlyBy.mentee}, staff ${e.endedEarlyBy.staff}); ${e.notAFit} not a fit; requests ${e.declined} declined, ${e.lapsed} lapsed, ${e.withdrawn} withdrawn, ${e.released} released`,
  evaluations: (e: {
    asked: number;
    received: number;
    averageRating?: number | undefined;
    byRole: Record<'mentor' | 'mentee', { received: number; averageRating?: number | undefined }>;
    wouldRecommend: number;
  }) => {
    const rate = e.asked === 0 ? '' : ` (${Math.round((100 * e.received) / e.asked)}%)`;
    const rating = (value: number | undefined) => (value === undefined ? 'no rating' : `${value} / 5`);
    return (
      `*Evaluations* of completed relationships: ${e.received} of ${e.asked} answered${rate}; ` +
      `average rating ${rating(e.averageRating)} (mentors ${rating(e.byRole.mentor.averageRating)} from ${e.byRole.mentor.received}, ` +
      `mentees ${rating(e.byRole.mentee.averageRating)} from ${e.byRole.mentee.received}); ${e.wouldRecommend} would recommend the program`
    );
  },
  seats: (s: { mentors: number; listed: number; offered: number; used: number }) =>
    `*Mentor seats* (today): ${s.used} used of ${s.offered} offered by ${s.mentors} approved ${s.mentors === 1 ? 'mentor' : 'mentors'} (${s.listed} listed)`,
  privacy: 'Counts and dates only: nothing anyone wrote is read for this report.',
  postButton: 'Post to the channel',
  postedBy: (staffMention: string) => `Posted by ${staffMention}.`,
  posted: 'Posted to the staff channel.',
  exportPreparing: 'Preparing the export… the files will appear in the staff channel in a moment.',
  exported: (channelMention: string, files: { filename: string; rows: number }[]) =>
    `Uploaded ${files.length} files to ${channelMention}: ${files.map((f) => `${f.filename} (${f.rows} rows)`).join(', ')}. Meetings are not recorded yet, so there is no meetings file.`,
};

/** The four stages, in the program's terms: what each is for and what moves a pair on. */
export const stageWording: Record<
  'introduced' | 'stage1' | 'stage2' | 'stage3' | 'stage4' | 'completed',
  { name: string; purpose: string; next: string }
> = {
  introduced: {
    name: 'Introduced',
    purpose:
      'You have been matched. Meet for the first time and get a feel for each other’s interests and goals.',
    next: 'After that first meeting the mentor assesses fit with `/mentor fit`.',
  },
  stage1: {
    name: 'Stage 1 · Building the relationship',
    purpose:
      'Get to know each other and build trust: backgrounds, experiences, interests and expectations. Agree on confidentiality, how often you will be in touch, and a regular schedule.',
    next: 'When you have a rhythm, the mentor moves you on to exchanging information and setting goals.',
  },
  stage2: {
    name: 'Stage 2 · Exchanging information and setting goals',
    purpose:
      'Share more, listen actively, and turn what the mentee hopes for into 1 to 3 SMART goals with a list of actions and three check-in dates.',
    next: 'Once the goal form is written and discussed, the mentor moves you on to working towards the goals.',
  },
  stage3: {
    name: 'Stage 3 · Working towards the goals',
    purpose:
      'The longest and richest stage: conversations, resources, introductions to colleagues, and regular check-ins. Keep encouraging; adjust goals if they need it.',
    next: 'As the complete-by dates come near, the mentor moves you on to closing out and planning ahead.',
  },
  stage4: {
    name: 'Stage 4 · Closing and planning for the future',
    purpose:
      'Reflect on what was accomplished, what lies ahead and what support is still needed; decide whether to stay in touch informally, and say thank you.',
    next: 'The mentor marks the relationship complete after your final conversation.',
  },
  completed: {
    name: 'Completed',
    purpose: 'The formal mentoring relationship is complete. Thank you both!',
    next: 'Nothing more to do here.',
  },
};

export const lifecycleWording = {
  noRelationship: 'You don’t have a mentoring relationship yet. Mentees can start with `/mentee find`.',
  stageHeading: (partnerMention: string, role: 'mentor' | 'mentee') =>
    role === 'mentor' ? `*With your mentee ${partnerMention}*` : `*With your mentor ${partnerMention}*`,
  advanceButton: (stageName: string) => `Move on: ${stageName}`.slice(0, 75),
  advanceConfirmTitle: 'Move to the next stage?',
  advanceConfirmText: (stageName: string) =>
    `You are about to move on to ${stageName}. Both of you will be told.`,
  advanced: (actorMention: string, stageName: string) =>
    `${actorMention} moved your mentoring relationship on to *${stageName}*.`,
  refusals: {
    not_allowed:
      'That step isn’t possible from where the relationship stands now. `/mentoring stage` shows where you are.',
    not_permitted: 'Only the mentor moves the relationship on to its next stage.',
    needs_agreements:
      'Stage 2 starts once you have recorded your stage 1 agreements (how often you will be in touch, how, and confidentiality, acknowledged by both of you). `/mentoring agreements` opens them.',
    needs_goal_form:
      'Stage 3 starts once the mentee has written the goal form (`/goals`). Then you can move on.',
    needs_reason: 'Please give a short reason.',
    notInPair: 'Only the two people in this mentoring relationship can do that.',
    changed:
      'The relationship has moved on since this message; `/mentoring stage` shows where it stands now.',
  },
  fit: {
    noneToAssess:
      'There is no new mentee waiting for your fit assessment. It opens once you have accepted a request and met for the first time.',
    onlyMentor: 'Only the mentor assesses fit.',
    modalTitle: 'Assess fit',
    submit: 'Save',
    intro: (menteeMention: string) =>
      `After your first meeting with ${menteeMention}: three short steps. Your notes are private to you; your mentee and the staff never see them.`,
    mentee: 'Mentee',
    listenHeading: '*1. Listen for understanding*',
    understandingLabel: 'What you learned about their academic and career interests',
    understandingPlaceholder: 'Notes to come back to later.',
    valueHeading: '*2. Assess your value*',
    valueLabel: 'Where you could offer valuable perspective',
    academicAlignment: 'How well your academic interests align (1–5)',
    careerAlignment: 'How well your career interests align (1–5)',
    valueOverTime: 'Could you add value over the months ahead? How?',
    decideHeading: '*3. Determine fit*',
    decisionLabel: 'Are you the right mentor for this student?',
    decisions: {
      proceed: 'Yes, let’s begin',
      talk_again: 'Not sure yet: we will talk again first',
      not_a_fit: 'No, I am not the right fit',
    },
    required: 'Please choose one.',
    tooLong: (max: number) => `Keep this to ${max} characters or fewer.`,
    proceeded: (mentorMention: string, menteeMention: string) =>
      `:tada: ${mentorMention} and ${menteeMention}, you are on your way! Welcome to *Stage 1 · Building the relationship*: get to know each other, agree on confidentiality and how often you will be in touch, and set a regular schedule.`,
    talkAgain:
      'Noted. I will remind you in a week to decide after your next conversation; `/mentor fit` opens the form again any time.',
    notAFitPair: (menteeMention: string) =>
      `Thank you both for meeting. After your first conversation, the mentor felt someone else would be a better fit for ${menteeMention}'s goals — that is a normal part of finding the right match, and no reflection on anyone.`,
    notAFitMentee:
      'Your mentor felt another mentor would suit your goals better. Browse mentors with a free seat with `/mentee find`; the right match is out there.',
    notAFitStaff: (mentorMention: string, menteeMention: string) =>
      `${mentorMention} and ${menteeMention} decided not to continue after their first meeting. ${menteeMention} is looking for a new mentor; ${mentorMention}'s seat is free again.`,
    fitButton: 'Mentor: assess fit',
  },
  end: {
    modalTitle: 'End mentoring early',
    relationshipLabel: 'Which relationship',
    reasonLabel: 'Why are you ending it? (shared with your partner)',
    submit: 'End relationship',
    confirm: 'I understand this ends the formal mentoring relationship.',
    confirmRequired: 'Please confirm.',
    /** `reason`: what the person typed, already escaped for mrkdwn. */
    ended: (actorMention: string, reason: string) =>
      `${actorMention} has ended this mentoring relationship early.\n${quote(reason)}\nThank you both for the time you spent together.`,
    staff: (mentorMention: string, menteeMention: string, actorMention: string) =>
      `The relationship of ${mentorMention} and ${menteeMention} was ended early by ${actorMention}. ${mentorMention}'s seat is free again.`,
  },
};

export const goalWording = {
  modalTitle: 'SMART goals',
  submit: 'Save goals',
  intro: (mentorMention: string) =>
    `Write 1 to 3 goals you want to reach with ${mentorMention}'s help. Make each one SMART: Specific, Measurable, Achievable, Relevant and Time-based. List the actions you agree on together, and three dates to check in on progress (proposed for you; move them if you like).`,
  goalHeading: (n: number) => `Goal ${n}`,
  labels: {
    specific: 'Specific: what exactly do you want to achieve?',
    measurable: 'Measurable: what evidence will show progress?',
    achievable: 'Achievable: why is it reachable in the time, and with what help?',
    relevant: 'Relevant: how does it serve your long-term aim?',
    actions: 'Actions (one per line, agreed with your mentor)',
    completeBy: 'Time-based: complete by',
    checkIn: (n: number) => `Check-in ${n}`,
  },
  addGoal: 'Add a goal',
  removeGoal: 'Remove this goal',
  noRelationship:
    'The goal form opens once you and your mentor reach stage 2 (exchanging information and setting goals).',
  notYourMentee: 'You can read goals only for your own mentees, for example `/goals @sam`.',
  mentorUsage: 'Name your mentee, for example `/goals @sam`.',
  noGoalsYet: (menteeMention: string) => `${menteeMention} hasn’t written the goal form yet.`,
  savedMeanwhile:
    'Your goals were saved from another window in the meantime. Close this form and open `/goals` again to see them.',
  saved: (menteeMention: string, count: number, endDate: string) =>
    `${menteeMention} saved ${count} SMART goal${count === 1 ? '' : 's'}. The formal relationship now runs until ${endDate}.`,
  changed: (menteeMention: string, changes: string[]) =>
    `${menteeMention} updated their goals:\n${changes.map((c) => `• ${c}`).join('\n')}`,
  /** One line per change, for `changed`; goal and check-in numbers count from 1. */
  changes: {
    added: (goal: number) => `Goal ${goal} added`,
    removed: (goal: number) => `Goal ${goal} removed`,
    answer: (goal: number, field: string) => `Goal ${goal}: ${field} changed`,
    completeBy: (goal: number, from: string, to: string) =>
      `Goal ${goal}: complete-by moved from ${from} to ${to}`,
    checkIn: (goal: number, checkIn: number, from: string, to: string) =>
      `Goal ${goal}: check-in ${checkIn} moved from ${from} to ${to}`,
  },
  /** The form's field errors: short sentences a student can act on. */
  errors: {
    noGoals: 'Add at least one goal.',
    tooManyGoals: (max: number) => `Keep to ${max} goals: remove one.`,
    required: {
      specific: 'Say exactly what you want to achieve.',
      measurable: 'Say what evidence will show your progress.',
      achievable: 'Say why this is reachable in the time and what will help.',
      relevant: 'Say how this goal serves your long-term aim.',
      actions: 'List at least one action, one per line.',
      completeBy: 'Pick a complete-by date.',
      checkIn: 'Pick a date for this check-in.',
    },
    tooLong: (limit: number, length: number) =>
      `Keep this to ${limit} characters or fewer (it has ${length}).`,
    notADate: 'Pick a valid date (YYYY-MM-DD).',
    notAfterToday: 'Pick a date after today.',
    tooLate: (latest: string, months: number) =>
      `Pick a date on or before ${latest} (the program runs at most ${months} months).`,
    notBeforeCompleteBy: 'Pick a date before the complete-by date.',
    notAfterPrevious: (previous: number) => `Pick a date after check-in ${previous}.`,
  },
  summaryHeading: (menteeMention: string, version: number) =>
    `*Goals of ${menteeMention}* (version ${version})`,
};

export const homeWording = {
  mentorHeading: 'Your mentees',
  menteeHeading: 'Your mentor',
  staffHeading: 'Program dashboard',
  capacity: (open: number, capacity: number, listed: boolean) =>
    `${open} of ${capacity} seat${capacity === 1 ? '' : 's'} taken · ${listed ? 'listed in the directory' : 'not listed in the directory'}`,
  nextCheckIn: (date: string) => `next check-in ${date}`,
  paused: (day: string) => `:pause_button: reminders paused until ${day}`,
  lateCheckIns: (dates: string[]) =>
    `:warning: late check-in${dates.length === 1 ? '' : 's'}: ${dates.join(', ')}`,
  noGoals: 'no goals written yet',
  lastMeeting: (day: string) => `:handshake: last met ${day}`,
  noMeeting: '_no meeting logged yet: “We met” in your conversation or `/mentoring met`_',
  goalsLine: (count: number, endDate: string | undefined) =>
    `${count} goal${count === 1 ? '' : 's'}${endDate ? ` · formal end ${endDate}` : ''}`,
  /** `listAll`: the usage that lists every mentee, already escaped for mrkdwn. */
  more: (count: number, listAll: string) => `…and ${count} more. \`${listAll}\` lists them all.`,
  /** `/mentor mentees`: the heading over each mentee's stage and check-in dates. */
  menteesHeading: '*Your mentees*',
  moreMentees: (count: number) => `…and ${count} more.`,
  noMentees: 'No mentees yet. Students find you in the directory; you will get a DM when one asks.',
};

/** App Home's goals and check-in dates for mentees and mentors (dates already written for people). */
export const homeGoalWording = {
  /** The heading over the mentee's own goals. */
  goalsHeading: '*Your goals*',
  /** One goal: its status (or none yet), the mentee's words (escaped), its complete-by day, when it was rated. */
  goalLine: (status: string, title: string, completeBy: string, ratedOn: string | undefined) =>
    `${status} · ${title} · complete by ${completeBy}${ratedOn ? ` · _checked in ${ratedOn}_` : ''}`,
  /** A goal no check-in has rated yet (or rewritten since the last one). */
  unrated: ':white_small_square: _not checked in yet_',
  status: (emoji: string, name: string) => `${emoji} *${name}*`,
  /** `listGoals`: the command that shows the goals in full, already escaped for mrkdwn. */
  moreGoals: (count: number, listGoals: string) =>
    `…and ${count} more goal${count === 1 ? '' : 's'}: \`${listGoals}\` shows them all.`,
  /** A mentee in a goal stage with no goals yet; `writeGoals` already escaped. */
  writeGoals: (writeGoals: string) =>
    `Write your 1 to 3 SMART goals with \`${writeGoals}\`: each with a complete-by date and three check-in dates.`,
  /** The mentor's line for a mentee's goals: how many have each latest status. */
  tally: (count: number, parts: string[]) =>
    `${count} goal${count === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`,
  tallyPart: (n: number, status: string) => `${n} ${status}`,
  unratedTally: 'not checked in yet',
  /** More relationships than App Home lists one by one. */
  moreRelationships: (count: number) => `…and ${count} more.`,
  noCheckInsAhead: 'no check-in dates ahead',
};

export const agreementWording = {
  button: 'Record our agreements',
  modalTitle: 'Our agreements',
  submit: 'Save',
  intro: (partnerMention: string) =>
    `Agree these with ${partnerMention} at your first meetings. Either of you can record how often and how you will be in touch; each of you acknowledges confidentiality for yourself.`,
  frequencyLabel: 'How often will you be in touch?',
  frequencies: {
    weekly: 'Every week',
    every_two_weeks: 'Every two weeks',
    monthly: 'Once a month',
  },
  channelsLabel: 'How will you stay in touch?',
  confidentialityLabel: 'Confidentiality',
  confidentialityOption: 'I will keep what we share confidential, unless we agree otherwise.',
  errors: {
    contactFrequency: 'Please choose how often you will be in touch.',
    channels: 'Please choose at least one way to stay in touch.',
    confidentiality: 'Please acknowledge confidentiality to save your agreements.',
  },
  onlyStage1: 'Agreements are recorded during stage 1 (building the relationship).',
  notInPair: 'Only the two people in this mentoring relationship can record its agreements.',
  noneOpen: 'You have no relationship in stage 1 right now, so there are no agreements to record.',
  saved: (actorMention: string, frequency: string, channels: string, acks: string) =>
    `${actorMention} recorded your agreements: in touch *${frequency.toLowerCase()}*, by ${channels}.
${acks}`,
  ackLine: (mentorMention: string, mentorAck: boolean, menteeMention: string, menteeAck: boolean) =>
    `Confidentiality: ${mentorMention} ${mentorAck ? ':white_check_mark:' : '_not yet_'} · ${menteeMention} ${menteeAck ? ':white_check_mark:' : '_not yet_'}`,
  complete:
    'Your stage 1 agreements are complete. When you have a rhythm, the mentor can move you on to stage 2.',
  status: (complete: boolean) =>
    complete ? '_Agreements recorded._' : '_Agreements still to record: `/mentoring agreements`._',
};

export const checkInWording = {
  modalTitle: 'Check-in',
  submit: 'Send check-in',
  intro: (date: string | undefined, late: boolean) =>
    date
      ? `This check-in is for *${date}*${late ? ' (late: that is fine, better late than never)' : ''}. For each goal: where it stands, the evidence against its measure, and any help you need.`
      : 'No check-in date is due, but progress reports are always welcome. For each goal: where it stands, the evidence against its measure, and any help you need.',
  goalHeading: (n: number, specific: string) => `*Goal ${n}:* ${specific}`,
  measure: (measure: string) => `_Measure:_ ${measure}`,
  statusLabel: 'Status',
  statuses: {
    not_started: 'Not started',
    on_track: 'On track',
    at_risk: 'At risk',
    done: 'Done',
  },
  statusEmoji: {
    not_started: ':white_circle:',
    on_track: ':large_green_circle:',
    at_risk: ':large_orange_circle:',
    done: ':white_check_mark:',
  },
  evidenceLabel: 'Evidence of progress against the measure',
  supportLabel: 'Support you need from your mentor (optional)',
  noteLabel: 'Anything else about how the mentoring is going? (optional)',
  errors: {
    statusRequired: 'Please choose a status.',
    evidenceRequired: 'Please describe the evidence so far (or choose "Not started").',
    tooLong: (max: number) => `Keep this to ${max} characters or fewer.`,
  },
  noGoals:
    'Check-ins start once your goal form is written (`/goals`). Your check-in dates come from your goals.',
  noRelationship: 'Check-ins are for mentees working on goals with a mentor.',
  forMentee: (menteeMention: string) =>
    `Check-ins are written by ${menteeMention}; you will see each one in your shared conversation. \`/checkin\` shows your mentees’ check-in dates.`,
  goalsChanged: 'Your goals changed while this form was open. Please close it and open the check-in again.',
  summaryHeading: (menteeMention: string, date: string | undefined, late: boolean) =>
    date
      ? `:memo: *Check-in from ${menteeMention}* for ${date}${late ? ' (late)' : ''}`
      : `:memo: *Check-in from ${menteeMention}*`,
  support: 'Support needed',
  note: 'Note',
  mentorHeading: '*Your mentees’ check-ins*',
  mentorLine: (menteeMention: string, next: string | undefined, late: string[]) =>
    `${menteeMention}: ${next ? `next ${next}` : 'no check-in dates ahead'}${late.length ? ` · :warning: late: ${late.join(', ')}` : ''}`,
  mentorNone: 'None of your mentees has check-in dates yet; they come with the goal form in stage 2.',
};

export const schedulerWording = {
  parked: (kind: string, relationshipId: string, error: string) =>
    `:warning: A scheduled prompt (${kind}) for relationship \`${relationshipId}\` could not be delivered after several tries (${error}). It has been set aside; the pair may need a word from staff.`,
  noticeParked: (type: string, key: string, error: string) =>
    `:warning: A notice (${type}, \`${key}\`) could not be delivered (${error}). It has been set aside; the people it was for may need a word from staff.`,
};

export const pauseWording = {
  usage:
    'Say for how many weeks, 1 to 12: for example `/mentoring pause 2`. `/mentoring resume` lifts a pause.',
  namePartner:
    'You have more than one mentoring relationship: name the person, for example `/mentoring pause 2 @sam` or `/mentoring resume @sam`.',
  notPartner: 'You don’t have an open mentoring relationship with that person.',
  notPaused: 'Your reminders aren’t paused.',
  paused: (actorMention: string, day: string) =>
    `:pause_button: ${actorMention} paused the program’s reminders for you both until ${day}. Anything due meanwhile is skipped, not saved up. \`/mentoring resume\` starts them again sooner.`,
  pausedYou: (day: string) => `Reminders for your pair are paused until ${day}.`,
  resumed: (actorMention: string) => `:arrow_forward: ${actorMention} resumed the program’s reminders.`,
  resumedYou: 'Reminders for your pair are back on.',
};

export const closeOutWording = {
  notInPair: 'Only the two people in this mentoring relationship can do that.',
  notYet: 'This opens as your mentoring relationship comes to a close.',
  staffOnly: 'Only program staff can re-list a mentor.',
};

/** Meetings the pair logs ("We met", `/mentoring met`): a day, never what was said. */
export const meetingWording = {
  button: 'We met',
  /** `day`: the date as people read it. */
  logged: (actorMention: string, day: string) =>
    `:handshake: ${actorMention} noted that you met on ${day}. Regular time together is how trust grows; thank you both.`,
  loggedYou: (day: string, partnerMention: string) =>
    `Noted: you met on ${day}. ${partnerMention} sees it in your conversation.`,
  alreadyLogged: (day: string, byMention: string) =>
    `${day} is already logged as a meeting (by ${byMention}). Nothing more to do.`,
  introductionHint:
    'After each meeting, tap *We met* (or type `/mentoring met`) so it is noted: only the date, never what you talked about.',
  usage:
    'Give the day you met as YYYY-MM-DD, `today` or `yesterday`, for example `/mentoring met 2026-03-05` (nothing means today). With several relationships, name the person: `/mentoring met today @sam`.',
  futureDate: (today: string) =>
    `That day hasn’t come yet. Meetings can be logged once they have happened, up to today (${today}).`,
  beforeStart: (startedOn: string) =>
    `Your mentoring relationship started on ${startedOn}; meetings can be logged from that day on.`,
  notInPair: 'Only the two people in this mentoring relationship can log its meetings.',
  notOpen: 'This mentoring relationship is no longer open, so no meetings are logged for it.',
  notPartner: 'You don’t have an open mentoring relationship with that person.',
  namePartner:
    'You have more than one mentoring relationship: name the person, for example `/mentoring met today @sam`.',
};

/** `/mentoring admin at-risk` and its buttons: dates, counts and statuses only, never what anyone wrote. */
export const atRiskWording = {
  heading: (count: number) =>
    `*Relationships that may need the program office* (${count}), the most urgent first`,
  none: 'No relationship needs attention right now. Relationships you marked handled come back when something new happens.',
  handledHidden: (count: number) =>
    `${count} relationship${count === 1 ? '' : 's'} you marked handled ${count === 1 ? 'is' : 'are'} hidden until something new happens.`,
  more: (count: number) => `…and ${count} more, not shown. Handle the ones above and run the command again.`,
  pair: (mentorMention: string, menteeMention: string, stage: string) =>
    `*${mentorMention}* (mentor) and *${menteeMention}* (mentee) · ${stage}`,
  request: (mentorMention: string, menteeMention: string) =>
    `*${menteeMention}* asked *${mentorMention}* to mentor them · request waiting`,
  lastHandled: (byMention: string, when: string) =>
    `Last marked handled by ${byMention} on ${when}; something new since.`,
  reasons: {
    quiet: (days: number, since: string) => `No meeting or check-in for ${days} days (since ${since})`,
    request_waiting: (days: number, since: string) =>
      `Waiting on the mentor’s answer for ${days} days (asked ${since}); it lapses after 14`,
    prompts_parked: (count: number, latest: string) =>
      `${count} program message${count === 1 ? '' : 's'} could not be delivered (latest ${latest})`,
    check_in_missed: (dates: string[]) =>
      `Check-in date${dates.length === 1 ? '' : 's'} passed with no check-in: ${dates.join(', ')}`,
    pause_overrun: (plannedUntil: string, daysOver: number) =>
      `Paused until ${plannedUntil}; nothing logged since (${daysOver} days)`,
    goal_at_risk: (goals: number[], on: string) =>
      `Goal${goals.length === 1 ? '' : 's'} ${goals.join(', ')} marked at risk in the check-in of ${on}`,
    end_passed: (endDate: string, daysOver: number) =>
      `Formal end ${endDate} passed ${daysOver} day${daysOver === 1 ? '' : 's'} ago with no close-out`,
  },
  nudgeButton: 'Nudge the pair',
  handledButton: 'Mark handled',
  nudged: (mentorMention: string, menteeMention: string) =>
    `Sent: a note from the program office is in the conversation of ${mentorMention} and ${menteeMention}.`,
  alreadyNudged: (mentorMention: string, menteeMention: string) =>
    `${mentorMention} and ${menteeMention} already had a note from the program office today; one a day is plenty.`,
  handled: (mentorMention: string, menteeMention: string) =>
    `Marked handled: ${mentorMention} and ${menteeMention} leave the list until something new happens.`,
  alreadyHandled: (byMention: string, when: string) =>
    `Already marked handled by ${byMention} on ${when}; nothing new has happened since.`,
  refusals: {
    no_longer_at_risk:
      'This relationship has nothing at risk any more, so the button no longer applies. `/mentoring admin at-risk` shows the list as it is now.',
    changed:
      'Something changed for this pair since this list was made. Run `/mentoring admin at-risk` again for the reasons as they are now.',
    no_conversation:
      'This is a request still waiting for the mentor, so there is no pair conversation to post in yet. Remind the mentor, or match the mentee with someone else (`/mentoring admin match`).',
  },
  /** The note in the pair's conversation: kind, and about time together, never about what anyone wrote. */
  nudge: {
    text: (program: ProgramSettings) => `A note from the ${program.name} office`,
    body: (program: ProgramSettings, mentorMention: string, menteeMention: string) =>
      `:wave: Hello ${mentorMention} and ${menteeMention}, a note from the ${program.name} office: we are checking in on how your mentoring is going.`,
    time: 'Busy weeks happen to everyone: classes, work and other commitments crowd out time together, and that is normal. Think small: even a short conversation about where the goals stand keeps things moving.',
    ask: (program: ProgramSettings) =>
      `If you have met lately, tap *We met* so it is noted. If something is in the way, or you would like a hand, reply here or contact ${program.contact}. Need a break? \`/mentoring pause\` quiets the reminders for a few weeks.`,
  },
};

/** `/mentoring admin export-user` and `/mentoring admin forget`: a person's data on request. */
export const dataRequestWording = {
  usage: (command: string) => `Name the person, for example \`${command} @sam\`.`,
  exportPreparing: (personMention: string) =>
    `Preparing the data of ${personMention}… the file will appear in the staff channel in a moment.`,
  exported: (personMention: string, channelMention: string, filename: string, records: number) =>
    `Uploaded ${filename} to ${channelMention}: ${records} record${records === 1 ? '' : 's'} of ${personMention}.`,
  refusals: {
    unknown_person: (personMention: string) =>
      `The program holds no records of ${personMention} (or they were erased already).`,
    live_relationships: (personMention: string, live: number) =>
      `${personMention} still has ${live} relationship${live === 1 ? '' : 's'} running or a request waiting. It has to end first (\`/mentoring end\` by either person of the pair, or the mentor declining the request); then erase.`,
    waiting_application: (personMention: string) =>
      `${personMention} has an application waiting for a decision. Decide it first (the card in the staff channel, or \`/mentoring admin pending\`); then erase.`,
  },
  modal: {
    title: 'Erase personal data',
    submit: 'Erase',
    close: 'Cancel',
    intro: (personMention: string) =>
      `This erases the personal data of ${personMention} everywhere in the program's records. It cannot be undone.`,
    erasedHeading: '*What will be erased*',
    counts: {
      profiles: 'profile',
      applications: 'application',
      relationships: 'relationship',
      goalForms: 'goal form version',
      checkIns: 'check-in',
      reflections: 'reflection',
      evaluations: 'evaluation',
      fitAssessments: 'fit assessment',
      meetings: 'meeting',
      notices: 'outbox message',
    } as Record<string, string>,
    what: 'Their profile (name, bio, degree, work, time zone, typed interests), what they wrote in applications, goals, check-ins, reflections, evaluation comments and fit notes, reasons they gave, and the outbox’s copies of messages about them. Their Slack id is replaced by a pseudonym everywhere.',
    kept: '*What stays*: counts, dates, statuses, ratings and choices, so reports don’t change; what their partners wrote stays theirs; the audit trail records who erased and when. Messages already in Slack are not touched.',
    counting: 'Counting what would be erased…',
    erasing: 'Erasing…',
    erasedTitle: 'Erased',
    erased: (personMention: string, pseudonym: string) =>
      `The personal data of ${personMention} is erased. Their records now stand under \`${pseudonym}\`.`,
    notErasedTitle: 'Not erased',
  },
  countLine: (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`,
};

/** The staff's weekly digest and the staff part of App Home: counts, dates and statuses, never what anyone wrote. */
export const digestWording = {
  title: (week: string) => `Weekly digest · ${week}`,
  span: (from: string, asOf: string) => `The week from ${from} to ${asOf}.`,
  newApplications: (mentors: number, mentees: number) =>
    `*New applications* this week: ${mentors} mentor${mentors === 1 ? '' : 's'}, ${mentees} mentee${mentees === 1 ? '' : 's'}`,
  waitingApplications: (count: number, mentors: number, mentees: number, overAWeek: number) =>
    count === 0
      ? '*Applications waiting for review*: none'
      : `*Applications waiting for review*: ${count} (${mentors} mentor${mentors === 1 ? '' : 's'}, ${mentees} mentee${mentees === 1 ? '' : 's'}), ${overAWeek} waiting a week or more`,
  waitingApplication: (applicantMention: string, role: string, since: string, days: number) =>
    `• ${applicantMention} (${role}) since ${since}, ${days} day${days === 1 ? '' : 's'}`,
  waitingRequests: (count: number, overAWeek: number, oldest?: { since: string; days: number }) =>
    count === 0
      ? '*Mentor requests waiting for an answer*: none'
      : `*Mentor requests waiting for an answer*: ${count}, ${overAWeek} a week or more; the oldest since ${oldest?.since} (${oldest?.days} day${oldest?.days === 1 ? '' : 's'})`,
  atRisk: (count: number, handledHidden: number) =>
    `*Relationships at risk*: ${count}${handledHidden > 0 ? ` (and ${handledHidden} marked handled)` : ''}${count > 0 ? '; the most urgent:' : ''}`,
  atRiskEntry: (mentorMention: string, menteeMention: string, stage: string, reasons: string) =>
    `• ${mentorMention} and ${menteeMention} · ${stage} · ${reasons}`,
  /** Each reason's short name, for the digest's one-line entries. */
  reasonNames: {
    quiet: 'quiet',
    request_waiting: 'request waiting',
    prompts_parked: 'messages undelivered',
    check_in_missed: 'check-in missed',
    pause_overrun: 'pause overrun',
    goal_at_risk: 'goal at risk',
    end_passed: 'formal end passed',
  } as Record<string, string>,
  atRiskMore: '`/mentoring admin at-risk` lists them all, with their reasons and dates.',
  endingSoon: (count: number, days: number) =>
    `*Ending in the next ${days} days*: ${count === 0 ? 'none' : count}`,
  endingEntry: (mentorMention: string, menteeMention: string, date: string) =>
    `• ${mentorMention} and ${menteeMention}: formal end ${date}`,
  stages: (counts: string) => `*Open relationships by stage*: ${counts || 'none yet'}`,
  retentionErased: (relationships: number, fields: number) =>
    `*Erased by the retention rule* this week: the free text of ${relationships} ended relationship${relationships === 1 ? '' : 's'} (${fields} field${fields === 1 ? '' : 's'})`,
  privacy:
    'Counts, dates and statuses only: nothing anyone wrote is in this digest. `/mentoring admin report` has the full figures.',
  /** The staff part of App Home. */
  home: {
    headline: (week: string, asOf: string) => `*This week* (${week}, as of ${asOf})`,
    atRisk: (count: number) =>
      `:warning: *${count}* relationship${count === 1 ? '' : 's'} at risk (\`/mentoring admin at-risk\`)`,
    newApplications: (n: number) => `*${n}* new application${n === 1 ? '' : 's'} this week`,
    waiting: (n: number, oldestDays?: number) =>
      `*${n}* application${n === 1 ? '' : 's'} waiting for review${n > 0 && oldestDays !== undefined ? ` (the oldest ${oldestDays} day${oldestDays === 1 ? '' : 's'})` : ''}`,
    requests: (n: number) => `*${n}* mentor request${n === 1 ? '' : 's'} waiting for an answer`,
    ending: (n: number, days: number) => `*${n}* ending in the next ${days} days`,
    commandsHeading: '*Staff commands*',
  },
};

/**
 * Keeping the directory current: `/mentoring admin directory | relist | unlist`, what mentors and mentees
 * are told when a mentor leaves the directory or fills up, and when mentors were last active.
 */
export const directoryUpkeepWording = {
  /** When a mentor was last active, as mentees see it in `/mentee find`. */
  lastActive: {
    this_week: 'active this week',
    this_month: 'active this month',
    earlier: 'last active over a month ago',
  },
  /** The same, as staff see it beside the day. */
  staffLastActive: {
    this_week: 'this week',
    this_month: 'this month',
    earlier: 'over a month ago',
    unknown: 'not yet recorded',
  },
  heading: (page: number, pages: number) =>
    `*Mentors* (page ${page} of ${pages}), listed first, quietest first`,
  totals: (t: {
    mentors: number;
    listed: number;
    offered: number;
    used: number;
    listedFull: number;
    listedQuiet: number;
  }) =>
    `${t.mentors} approved mentor${t.mentors === 1 ? '' : 's'}, ${t.listed} listed (${t.listedFull} with no free seat, ${t.listedQuiet} not active for a month) · seats: ${t.used} used of ${t.offered} offered`,
  line: (e: { mentor: string; used: number; capacity: number; lastActive: string; listed: boolean }) =>
    `• ${e.mentor} · ${e.used} of ${e.capacity} seat${e.capacity === 1 ? '' : 's'} used · last active ${e.lastActive} · ${e.listed ? 'listed' : '_not listed_'}`,
  none: 'There are no approved mentors yet.',
  privacy:
    'Seats, dates and listing only. `/mentoring admin unlist @mentor` or `relist @mentor` changes a listing.',
  previous: 'Previous',
  next: 'Next',
  relistUsage: 'Name the mentor, for example `/mentoring admin relist @alex`.',
  unlistUsage:
    'Name the mentor, for example `/mentoring admin unlist @alex`; a form asks for the reason they will read.',
  notAMentor: (mentor: string) => `${mentor} isn’t an approved mentor.`,
  alreadyListed: (mentor: string) => `${mentor} is already listed in the directory.`,
  alreadyUnlisted: (mentor: string) =>
    `${mentor} isn’t listed in the directory, so there is nothing to unlist. \`/mentoring admin relist\` lists them again.`,
  relisted: (mentor: string) =>
    `${mentor} is listed in the directory again and has been told; students can request them whenever a seat is free.`,
  unlistModal: {
    title: 'Unlist a mentor',
    submit: 'Unlist',
    intro: (mentor: string) =>
      `${mentor} leaves the directory at once: students no longer find them with \`/mentee find\`, and requests waiting on them are released (each student is told). Their current mentees are not affected.`,
    label: 'Reason, shared with the mentor',
    placeholder:
      'For example: we haven’t heard from you this term; tell us when you’d like to be listed again.',
    reasonRequired: 'Give the mentor a short reason.',
    tooLong: (max: number) => `Keep this to ${max} characters or fewer.`,
  },
  unlistedTitle: 'Mentor unlisted',
  unlisting: 'Unlisting…',
  notUnlistedTitle: 'Mentor not unlisted',
  unlisted: (mentor: string) =>
    `${mentor} is no longer listed in the directory. They are told with your reason, and any requests waiting on them are released.`,
  /** The mentor's DM. `reason`: what staff typed, already escaped for mrkdwn. */
  unlistedByStaff: (program: ProgramSettings, staff: string, reason: string) =>
    `The ${program.name} staff (${staff}) have taken you out of the mentoring directory for now, so students won’t find you with \`/mentee find\`. Your current mentees are not affected, and any requests waiting on you were passed back to the students.\n${quote(reason)}\nQuestions, or ready to be listed again? Contact ${program.contact}.`,
  relistedByStaff: (program: ProgramSettings, staff: string) =>
    `The ${program.name} staff (${staff}) have listed you in the mentoring directory again: students who share your interests can request you whenever you have a free seat. \`/mentor unlist\` steps out any time.`,
  /** `/mentor unlist` when requests were waiting on the mentor. */
  unlistedReleased: (count: number) =>
    `You are no longer listed in the directory, and the ${count === 1 ? 'request' : `${count} requests`} waiting on you ${count === 1 ? 'was' : 'were'} passed back (each student is told). Your current mentees are not affected; \`/mentor list\` brings you back.`,
  /** What a released request's mentee is told. */
  menteeReleased: {
    mentor_unlisted: (mentor: string) =>
      `${mentor} isn’t taking new mentees through the directory right now, so your request was released. That is no reflection on you; try \`/mentee find\` for other mentors with a free seat.`,
    mentor_full: (mentor: string) =>
      `${mentor}’s mentoring seats have just filled up, so your request was released. That is no reflection on you; try \`/mentee find\` for other mentors with a free seat.`,
  },
  /** The line on the mentor's request card once released (its buttons are gone). */
  cardReleased: {
    mentor_unlisted:
      'This request is no longer open: it was released when you left the directory. The student was told.',
    mentor_full:
      'This request is no longer open: it was released when your last seat was taken. The student was told.',
  },
  /** A click on an old request card whose request was released. */
  noLongerOpen:
    'This request is no longer open: it was released when you left the directory or your seats filled up, and the student was told.',
};

/**
 * Goal-form and check-in submissions: answered at once with "saving…" in place of the form, then what became
 * of saving it; when it could not be saved, why, with what the person typed given back to copy.
 */
export const formSavingWording = {
  goals: {
    title: 'SMART goals',
    sending: 'Saving your goals…',
    saved: (version: number) =>
      `Your goals are saved (version ${version}). Your mentor reads them in your conversation with the bot; \`/goals\` opens them again to edit.`,
    /** Over the form put back with everything typed, when saving found something to fix. */
    notSaved: (why: string) => `:warning: *Not saved.* ${why}`,
    checkDates: 'Please check the dates below (your time zone changed since the form opened) and save again.',
  },
  checkIn: {
    title: 'Check-in',
    sending: 'Sending your check-in…',
    sent: (date: string | undefined, late: boolean) =>
      date
        ? `Thanks, your check-in for ${date}${late ? ' (late)' : ''} is sent to your conversation with your mentor.`
        : 'Thanks, your check-in is sent to your conversation with your mentor.',
  },
  notSavedTitle: 'Not saved',
  notSaved: (why: string) => `:warning: *Not saved.* ${why}`,
  /** Before the person's own words, given back when a form closed or changed before it could be saved. */
  yourWords: 'Here is what you wrote, to copy into the form when you open it again:',
};
