/** What the request life-cycle tests share: the GraphQL documents for each move and for reading a request back. */
const FIELDS = `id state meetingStartsAt meetingEndsAt meetingLink meetingPhone meetingLocation inPersonNotes calendarSequence closeReason declineReason
  alumnusContact { email phone } declineReferral { alumnusId name contact note } proposedTimes { id startsAt proposedBy kind status }`;
export const M = {
  accept: `mutation($input: AcceptRequestInput!) { acceptRequest(input: $input) { ${FIELDS} } }`,
  confirm: `mutation($r: ID!, $p: ID!) { confirmProposedTime(requestId: $r, proposedTimeId: $p) { ${FIELDS} } }`,
  decline: `mutation($input: DeclineRequestInput!) { declineRequest(input: $input) { ${FIELDS} } }`,
  withdraw: `mutation($input: WithdrawRequestInput!) { withdrawRequest(input: $input) { ${FIELDS} } }`,
  reschedule: `mutation($input: RescheduleMeetingInput!) { rescheduleMeeting(input: $input) { ${FIELDS} } }`,
  cancel: `mutation($input: CloseMeetingInput!) { cancelMeeting(input: $input) { ${FIELDS} } }`,
  complete: `mutation($input: MarkCompletedInput!) { markCompleted(input: $input) { ${FIELDS} } }`,
  noShow: `mutation($input: CloseMeetingInput!) { markNoShow(input: $input) { ${FIELDS} } }`,
};
export const ONE = `query($id: ID!) { interviewRequest(id: $id) { ${FIELDS} } }`;
export const EVENTS = `query($id: ID!) { requestEvents(requestId: $id) { kind fromState toState actor reason } }`;
export const INVITE = `query($id: ID!) { calendarInvite(requestId: $id) }`;
