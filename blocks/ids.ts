/**
 * Identifiers shared by the Block Kit builders and the listeners that handle them. Values carried in
 * buttons and `private_metadata` are only hints: listeners re-check on the server who is acting.
 */
export const ACTIONS = {
  approveApplication: 'application_approve',
  declineApplication: 'application_decline',
  requestMentor: 'directory_request',
  directoryPage: 'directory_page',
  acceptRequest: 'request_accept',
  declineRequest: 'request_decline',
  shareMentorPreferences: 'pair_preferences_mentor',
  shareMenteePreferences: 'pair_preferences_mentee',
  openFit: 'pair_open_fit',
  advanceStage: 'relationship_advance',
  addGoal: 'goal_add',
  removeGoal: 'goal_remove',
  openGoalForm: 'pair_open_goals',
  openCheckIn: 'pair_open_checkin',
  recordAgreements: 'pair_agreements',
  openReflection: 'pair_open_reflection',
  openEvaluation: 'person_open_evaluation',
  relistMentor: 'staff_relist_mentor',
  postReport: 'staff_post_report',
  logMeeting: 'pair_we_met',
  nudgePair: 'staff_at_risk_nudge',
  markHandled: 'staff_at_risk_handled',
  // Keeping the directory current.
  staffDirectoryPage: 'staff_directory_page',
} as const;

export const VIEWS = {
  mentorApplication: 'application_mentor',
  menteeApplication: 'application_mentee',
  declineApplication: 'application_decline_reason',
  communicationPreferences: 'pair_preferences',
  fitAssessment: 'fit_assessment',
  endRelationship: 'relationship_end',
  goalForm: 'goal_form',
  checkIn: 'check_in',
  agreements: 'pair_agreements',
  reflection: 'close_out_reflection',
  evaluation: 'program_evaluation',
  // Data requests.
  forgetPerson: 'staff_forget_person',
  // Keeping the directory current.
  unlistMentor: 'staff_unlist_mentor',
} as const;

/** Input block ids, one per field; stable so Slack keeps what a person typed across updates. */
export const FIELD_BLOCK = (field: string) => `field_${field}`;
export const FIELD_ACTION = (field: string) => `input_${field}`;
