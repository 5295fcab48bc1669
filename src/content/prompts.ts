/**
 * The words of the scheduled prompts and of the stage-4 modals (close-out reflection, program evaluation).
 * Like `wording.ts`: written for this bot from the program's mentoring guide, keeping its facts and advice
 * in our own words, so another program can re-word them without touching code. Mentions and dates arrive
 * ready to print (`<@U123>`, "Wednesday, October 14, 2026"); anything a person typed arrives escaped.
 */
import type {
  ContinueChoice,
  EvaluationField,
  EvaluationMessages,
  RecommendChoice,
  ReflectionField,
  ReflectionMessages,
} from '../domain/reflection';
import type { ProgramSettings } from './wording';

type Role = 'mentor' | 'mentee';

/** A best-practice tip for mentors: a challenge mentors often meet, then one to three things that help. */
export interface MentorTip {
  readonly title: string;
  readonly challenge: string;
  readonly remedies: readonly string[];
}

/** Sent to mentors every few weeks, in turn; drawn from the guide's challenges, remedies and best practices. */
export const mentorTips: readonly MentorTip[] = [
  {
    title: 'Finding the time',
    challenge:
      'Time is the challenge mentors name most often. Good intentions run into work and family, and your mentee juggles classes, jobs and activities.',
    remedies: [
      'Think small, especially early on: a focused 20-minute call beats an hour you keep postponing.',
      'Offer only the time you know you can give.',
      'Now and then, ask your mentee whether the time you spend together feels right to both of you, and whether they are learning what they hoped.',
    ],
  },
  {
    title: 'Building trust with little contact',
    challenge: 'A few hours a month is not much time to build the trust you both want.',
    remedies: [
      'Listen closely, and bring back what your mentee told you last time.',
      'Keep your commitments. If something has to move, tell them right away and agree a new time.',
      'Keep what they share confidential, and don’t speak badly of others.',
    ],
  },
  {
    title: 'Not having every answer',
    challenge:
      'Many mentors feel uneasy when a question goes beyond what they know. That is completely fine: nobody expects you to know everything.',
    remedies: [
      'Early on, explain that you see yourself as a learning facilitator, not the expert on everything.',
      'Say plainly that you won’t have every answer, and that you look forward to finding things out together.',
      'Bring in colleagues who know a topic better than you do.',
    ],
  },
  {
    title: 'Noticing differences, not only similarities',
    challenge:
      'It is tempting to assume your mentee’s path will look like yours. You will share a lot, but your differences can teach you both just as much.',
    remedies: [
      'Ask what being a student is like for them now, and what they face that you never did.',
      'Be curious about differences of generation, gender, culture or background, and invite them to talk about them.',
      'Take a learner’s stance: understand first, advise second.',
    ],
  },
  {
    title: 'When the energy fades',
    challenge:
      'Momentum often dips in the middle of a mentoring relationship. Courses, jobs and activities compete for your mentee’s time, and many worry about being a burden.',
    remedies: [
      'If your mentee has gone quiet for a while, reach out. It is fine to take the lead.',
      'Tell them plainly that their questions are welcome, not an imposition.',
      'Check your own time and energy too, and change what isn’t working for you.',
    ],
  },
  {
    title: 'Asking more than telling',
    challenge: 'Advice is tempting to give, but good questions help a mentee think for themselves.',
    remedies: [
      'If they talk only about facts, ask how they feel; if they dwell on feelings, walk through the facts together.',
      'If a crisis of the moment has swallowed everything, help them step back and see the bigger picture.',
      'Hold your own stories and advice until they have fully explained their question.',
    ],
  },
  {
    title: 'Sharing your story without steering',
    challenge: 'Your experience is valuable, but the growth and the choices belong to your mentee.',
    remedies: [
      'Share experiences and lessons when asked, and point out how their situation may differ: yours is one example, not a map.',
      'Resist the temptation to fix things for them, or to steer where it all ends up.',
      'Help them see other ways to read the situation, and other ways forward.',
    ],
  },
  {
    title: 'Building confidence',
    challenge: 'Confidence in career decisions grows when someone notices your progress and believes in you.',
    remedies: [
      'Name their accomplishments when you see them, small ones included.',
      'Tell them you believe they can grow and reach their goals.',
      'When they feel stuck, ask what has worked for them before, and how it might apply now.',
    ],
  },
  {
    title: 'Staying in touch between meetings',
    challenge: 'When you only talk at planned meetings, mentoring can start to feel like an appointment.',
    remedies: [
      'Now and then, send a message out of the blue: an encouraging word, an article, an event they might enjoy.',
      'Answer their messages within a day when you can, and reply to what they actually asked.',
    ],
  },
  {
    title: 'Knowing whether it’s working',
    challenge: 'From the inside, it is hard to tell whether your mentoring is landing.',
    remedies: [
      'Ask your mentee for feedback: what helps, and what would help more?',
      'After a conversation, take a few minutes to reflect on how you mentored.',
    ],
  },
  {
    title: 'Opening doors',
    challenge:
      'Your network is one of the most valuable things you can share, and one of the easiest to forget.',
    remedies: [
      'Set up an informational interview with a contact in the field your mentee is curious about.',
      'Explore the Occupational Outlook Handbook or O*NET Online together, or introduce them to a professional association.',
      'Show them LinkedIn’s alumni tool, to see where graduates with similar studies work today.',
    ],
  },
  {
    title: 'Listening actively',
    challenge:
      'Listening is the skill you will use most, and it builds rapport faster than anything you say.',
    remedies: [
      'Reflect back what you heard, so your mentee knows you understood.',
      'On calls, find a quiet spot and avoid interruptions, so they have your full attention.',
      'Let them finish explaining before you offer your own experience.',
    ],
  },
];

/** The scheduled prompts, one entry per kind in `PROMPT_KINDS`. */
export const promptWording = {
  firstMeetingAgenda: {
    text: (mentor: string, mentee: string) => `${mentor} and ${mentee}: an agenda for your first meeting`,
    heading: ':handshake: *Stage 1 · Building the relationship*',
    intro: (mentor: string, mentee: string) =>
      `${mentee} and ${mentor}, this stage is about getting to know each other and starting to build trust. Meet face to face if you can (a video call works well too), and try this agenda:`,
    agenda: [
      '*Your backgrounds:* studies, work, experiences and interests, from both of you.',
      '*Expectations:* what each of you hopes to get from these months, and to give.',
      '*Confidentiality:* agree that what you share stays between the two of you.',
      '*How often, and how:* how often you will be in touch, and by which means (Slack, phone, video, email).',
      '*A regular schedule:* set a rhythm, say a call every other week, and put the next date in your calendars.',
    ],
    record:
      'Once you have agreed, press *Record our agreements* so you both have them in writing: how often you will talk, how, and a confirmation of confidentiality from each of you.',
    button: 'Record our agreements',
  },
  secondMeetingQuestions: {
    text: (mentee: string) => `Ideas for your second meeting with ${mentee}`,
    heading: (mentee: string) => `:speech_balloon: *Ideas for your second meeting with ${mentee}*`,
    intro:
      'Open by recalling a few of the experiences and interests they shared last time: it shows you were listening. Then you might ask:',
    questions: [
      'Tell me more about yourself: your skills, your interests, what you are involved in on campus, and the challenges you are facing right now.',
      'Have you had mentors before? What did you get out of those relationships?',
      'What goals are starting to take shape for our time together?',
    ],
    footer:
      'Let them finish before you share your own stories or advice. Their first ideas for goals are a head start on the goal form in stage 2.',
  },
  goalFormInvitation: {
    text: (mentee: string) => `${mentee}, it’s time to write your SMART goals`,
    heading: ':dart: *Stage 2 · Exchanging information and setting goals*',
    intro: (mentee: string) =>
      `${mentee}, now is the time to put your goals for this mentoring relationship in writing. Please fill in the goal form within the first two weeks of this stage: 1 to 3 goals, each of them SMART.`,
    smart: [
      '*Specific:* what exactly you want to achieve',
      '*Measurable:* what evidence will show you are making progress',
      '*Achievable:* why it is within reach in the time you have, and what will help',
      '*Relevant:* how it serves your longer-term aims',
      '*Time-based:* the date you will complete it by',
    ],
    together: (mentor: string) =>
      `For each goal, list the actions you and ${mentor} agree on, and three dates to check in on progress (I will suggest some). Fill it in together, or on your own before your next meeting. The complete-by dates also set when your formal mentoring relationship ends.`,
    button: 'Write my goals',
  },
  goalFormReminder: {
    text: (mentee: string) => `${mentee}, a reminder: your goal form is due soon`,
    body: (mentee: string, mentor: string) =>
      `:hourglass_flowing_sand: ${mentee}, a friendly reminder: the goal form is due within the first two weeks of stage 2, and it isn’t written yet. Pick 1 to 3 goals, make each one SMART, and talk the actions through with ${mentor}. Clear beats perfect: you can change your goals later with \`/goals\`.`,
    button: 'Write my goals',
  },
  checkInNudge: {
    text: (mentee: string, date: string | undefined) =>
      `Check-in day for ${mentee}’s goals${date ? ` (${date})` : ''}`,
    body: (mentor: string, mentee: string, date: string | undefined) =>
      `:calendar: ${mentee} and ${mentor}, ${date ? `*${date}*` : 'today'} is a check-in date for your goals. Take a few minutes together to look at each goal’s measure: what evidence shows progress so far, and is anything getting in the way?`,
    goalsHeading: '*Goals to review*',
    moreGoals: (count: number) => `…and ${count} more`,
    ask: (mentee: string) =>
      `${mentee}, report where each goal stands with the button below (or \`/checkin\`): a status, the evidence against its measure, and any support you need.`,
    button: 'Check in',
  },
  checkInOverdue: {
    text: (mentee: string, date: string | undefined) =>
      `The check-in${date ? ` of ${date}` : ''} for ${mentee}’s goals is still open`,
    body: (mentor: string, mentee: string, date: string | undefined) =>
      `:wave: ${mentee} and ${mentor}, the check-in planned for ${date ? `*${date}*` : 'a few days ago'} hasn’t been reported yet. It only takes a few minutes: for each goal, a status, the evidence against its measure, and any support you need.`,
    goalsHeading: '*Goals to review*',
    moreGoals: (count: number) => `…and ${count} more`,
    footer:
      'If the plan no longer fits, say so in the check-in: adjusting goals is part of the process. Late check-ins show as late to both of you and to the program staff.',
    button: 'Check in now',
  },
  stage3Reflection: {
    text: (mentor: string, mentee: string) =>
      `${mentor} and ${mentee}: half-way, time to look at how it’s going`,
    heading: ':compass: *Half-way: how is it going?*',
    intro: (mentor: string, mentee: string) =>
      `${mentee} and ${mentor}, you are about half-way through working towards the goals. Set aside part of your next conversation to look back, and to adjust where needed. Some questions to talk through:`,
    questions: [
      '*Mentor, ask:* How am I helping you reach your goals? What has been most useful so far?',
      '*Mentee, consider:* How have you changed, and how do you now approach your studies or work?',
      '*Together:* Do your goals, or the way you work together, need adjusting? (Goals can be changed with `/goals`.)',
    ],
    footer:
      'Energy often dips around now. Mentees: you are not a burden, your mentor signed up for this. Mentors: check in on your own time and energy too.',
  },
  quietRelationship: {
    text: (mentee: string) => `It’s been quiet with ${mentee} for a while`,
    body: (mentee: string, days: number | undefined) =>
      `:seedling: It’s been ${days !== undefined ? `${days} days` : 'a while'} since the last check-in or activity with ${mentee}. If you haven’t heard from them, check in with a short note; it is fine to take the lead.`,
    why: 'Mentees often hold back because they worry about taking up your time, or because classes, jobs and activities crowd in. A friendly message makes it easy to pick things up again.',
    footer:
      'While you are at it, check how your own time and energy are holding up: is this working for you, or does something need to change?',
  },
  mentorTip: {
    text: (title: string) => `Mentoring tip: ${title}`,
    heading: (title: string) => `:bulb: *Mentoring tip: ${title}*`,
    remediesHeading: '*What helps*',
    footer: 'One of a series of tips drawn from the experience of other mentors in the program.',
  },
  closeOutReflection: {
    text: (mentor: string, mentee: string, date: string | undefined) =>
      `${mentor} and ${mentee}: your formal mentoring relationship ends ${date ? `on ${date}` : 'soon'}`,
    heading: ':checkered_flag: *Stage 4 · Closing and planning for the future*',
    intro: (mentor: string, mentee: string, date: string | undefined) =>
      `${mentee} and ${mentor}, your formal mentoring relationship ends ${date ? `on *${date}*` : 'in about a week'}. Plan a final conversation to close it well and to look ahead:`,
    agenda: (mentee: string) => [
      'Accomplishments, challenges, and how far you got with the goals',
      `What ${mentee} will remember most about these months`,
      'The challenges that lie ahead',
      'Support still needed, and colleagues who could offer it',
      'Whether to stay in touch informally, and how',
      'A thank-you, both ways',
    ],
    after:
      'Before or after that conversation, each of you can write a short reflection with the button below. I will post it here for the other to read; program staff don’t see it.',
    button: 'Write my reflection',
  },
  evaluation: {
    text: (program: ProgramSettings) =>
      `Your mentoring relationship is complete. Thank you! Tell us how the ${program.name} went.`,
    body: (mentor: string, mentee: string) =>
      `:tada: The formal mentoring relationship of ${mentor} and ${mentee} is complete. Thank you for the time, honesty and effort you put into it.`,
    askForm: (program: ProgramSettings) =>
      `Please take a few minutes to tell us how the ${program.name} worked for you, using the evaluation form. Your answers help us improve the program for the students and alumni who come next.`,
    askSurvey: (program: ProgramSettings) =>
      `Please answer four quick questions about the ${program.name}. Your answers help us improve the program for the students and alumni who come next.`,
    footer: (program: ProgramSettings) => `Questions or ideas? Contact ${program.contact}.`,
    formButton: 'Open the evaluation form',
    surveyButton: 'Take the short survey',
  },
  relistCard: {
    text: (mentor: string) => `Re-list ${mentor} in the mentoring directory?`,
    body: (mentor: string, mentee: string) =>
      `:recycle: *Re-list a mentor*\n${mentor} has completed their mentoring relationship with ${mentee}. Their seat is free again: re-list them so students can find them in the directory.`,
    footer:
      'If you are unsure whether they want a new mentee yet, check with them first. Re-listing shows them to students whenever they have a free seat.',
    button: 'Re-list in directory',
  },
  talkAgainReminder: {
    text: (mentee: string) => `Ready to decide on fit with ${mentee}?`,
    body: (mentee: string) =>
      `:thinking_face: Last week you chose to talk again with ${mentee} before deciding whether you are the right mentor for them. After that next conversation, decide on fit. Think about how closely your academic and career interests match, and whether you can offer useful perspective over the months ahead.`,
    footer:
      '`/mentor fit` opens the form any time. Either answer is fine; a clear one lets your mentee move on.',
    button: 'Assess fit',
  },
};

/** The close-out reflection modal, its errors, and the summary posted to the pair afterwards. */
export const reflectionWording = {
  modalTitle: 'Close-out reflection',
  submit: 'Share reflection',
  close: 'Cancel',
  intro: (role: Role, partner: string) =>
    role === 'mentee'
      ? `Look back on your time with ${partner}, and ahead. Your answers will be posted in your group DM for ${partner} to read; program staff don’t see them.`
      : `Look back on your time mentoring ${partner}, and ahead. Your answers will be posted in your group DM for ${partner} to read; program staff don’t see them.`,
  labels: {
    mentee: {
      accomplishments: 'What did you accomplish? How far did you get with your goals?',
      challenges: 'What challenges did you meet along the way?',
      remember: 'What will you remember most about this mentoring relationship?',
      ahead: 'What challenges lie ahead for you?',
      supportNeeded: 'What support might you still need, and from whom?',
      continueInformally: 'Would you like to stay in touch informally?',
      continueHow: 'If so, how? (how often, and by what means)',
      thanks: 'A note of thanks for your mentor',
    },
    mentor: {
      accomplishments: 'What did your mentee accomplish? How far did they get with their goals?',
      challenges: 'What challenges did you meet along the way?',
      remember: 'What will you remember most, and what do you hope your mentee takes away?',
      ahead: 'What challenges lie ahead for your mentee?',
      supportNeeded: 'What support might they still need? Whom could you introduce them to?',
      continueInformally: 'Would you like to stay in touch informally?',
      continueHow: 'If so, how? (how often, and by what means)',
      thanks: 'A note of thanks for your mentee',
    },
  } satisfies Record<Role, Record<ReflectionField, string>>,
  continueChoices: {
    yes: 'Yes, let’s stay in touch',
    maybe: 'Maybe: let’s talk it over',
    no: 'No, this is a good place to close',
  } satisfies Record<ContinueChoice, string>,
  continueHowHint: 'Needed if you answered yes.',
  errors: {
    required: {
      accomplishments: 'Tell us a little about what was accomplished.',
      challenges: 'Name at least one challenge, even a small one.',
      remember: 'Say what you will remember most.',
      ahead: 'Say what lies ahead, in a sentence or two.',
    },
    continueRequired: 'Please choose one.',
    howRequired: 'Say how you will stay in touch, for example a call every couple of months.',
    tooLong: (max: number) => `Keep this to ${max} characters or fewer.`,
  } satisfies ReflectionMessages,
  summary: {
    text: (person: string) => `${person} shared a close-out reflection`,
    heading: (person: string, role: Role) => `:memo: *Close-out reflection from ${person}* (${role})`,
    labels: {
      accomplishments: 'Accomplishments',
      challenges: 'Challenges along the way',
      remember: 'What I will remember most',
      ahead: 'What lies ahead',
      supportNeeded: 'Support still needed',
      continueInformally: 'Staying in touch',
      continueHow: 'How',
      thanks: 'Thanks',
    } satisfies Record<ReflectionField, string>,
  },
};

/** The built-in program evaluation survey (used when no evaluation form link is configured). */
export const evaluationWording = {
  modalTitle: 'Program evaluation',
  submit: 'Send',
  close: 'Cancel',
  intro:
    'Four short questions. Your answers go to the program office and help make mentoring better for the students and alumni who come next.',
  labels: {
    rating: 'Overall, how was your mentoring experience?',
    recommend: 'Would you recommend the program to a friend or colleague?',
    worked: 'What worked well?',
    improve: 'What could we do better?',
  } satisfies Record<EvaluationField, string>,
  ratings: ['1 · Poor', '2 · Fair', '3 · Good', '4 · Very good', '5 · Excellent'],
  recommendChoices: { yes: 'Yes', no: 'No' } satisfies Record<RecommendChoice, string>,
  errors: {
    ratingRequired: 'Please pick a rating from 1 to 5.',
    recommendRequired: 'Please choose yes or no.',
    workedRequired: 'Tell us at least one thing that worked, however small.',
    tooLong: (max: number) => `Keep this to ${max} characters or fewer.`,
  } satisfies EvaluationMessages,
  thanks: 'Thank you! Your evaluation is with the program office.',
};
