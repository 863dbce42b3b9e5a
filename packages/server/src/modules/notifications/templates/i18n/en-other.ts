/**
 * English: the words of the digests, the career center's arrangement notice, the account emails, and every email's
 * frame (header, footer, unsubscribe). es-other.ts has the same keys and placeholders (i18n.test.ts checks).
 */
export const enOther = {
  "layout.from": "Infoview, for {institution}",
  "footer.stop": "Stop emails like this one: {url}",
  "footer.preferences": "Choose which emails Infoview sends you: {url}",
  "digest.requests.subject": "{count, plural, one {# request is} other {# requests are}} waiting for your answer",
  "digest.requests.intro":
    "Students are waiting to hear from you. Each link below does one thing, once: it accepts that time, or declines, after you confirm on the page it opens.",
  "digest.requests.item": "{student} — expires {expires}",
  "digest.requests.accept": "accept this time {url}",
  "digest.requests.decline": "Decline: {url}",
  "digest.followUps.subject": "Follow-ups due: {count}",
  "digest.followUps.heading": "Follow-ups due soon or overdue:",
  "digest.followUps.thankYou": "A thank-you to {alumnus}, by {due}",
  "digest.followUps.update": "An update to {alumnus}, by {due}",
  "digest.followUps.check": "Did your conversation with {alumnus} on {when} happen?",
  "digest.followUps.checkOnce":
    "Each answer link works once; the first answer from either of you settles it, and the other person is told.",
  "digest.advisor.subject": "{count, plural, one {# item needs} other {# items need}} your attention",
  "digest.advisor.caseload":
    "These are the lists your advising dashboard shows for your caseload (the students assigned to you); the alumni lists are for the whole institution.",
  "digest.advisor.everyone": "These are the lists your advising dashboard shows for all students (no students are assigned to you).",
  "digest.advisor.notSharing": "Students who do not share their activity with advisors are not listed.",
  "digest.advisor.section": "{title} ({count}):",
  "digest.advisor.more": "…and {count} more on your dashboard",
  "digest.advisor.unsettled": "Meetings nobody said happened (a week after the end)",
  "digest.advisor.unsettledItem": "{student} with {alumnus}, ended {ended}: {url}",
  "digest.advisor.overdue": "Thank-yous overdue",
  "digest.advisor.overdueItem": "{student} to {alumnus}, {days, plural, one {# day} other {# days}} overdue: {url}",
  "digest.advisor.expiring": "Requests expiring within 48 hours",
  "digest.advisor.expiringItem": "{student} to {alumnus}, {hours} h left: {url}",
  "digest.advisor.inactive": "Students inactive for 21 days or more",
  "digest.advisor.inactiveItem": "{student}, {days, plural, one {# day} other {# days}}: {url}",
  "digest.advisor.overloaded": "Alumni asked more than their monthly capacity",
  "digest.advisor.overloadedItem": "{alumnus}: {open} open, capacity {capacity}",
  "digest.advisor.unresponsive": "Alumni not answering",
  "digest.advisor.unresponsiveItem": "{alumnus}: {waiting} waiting over 3 days, {expired} expired in 90 days",
  "digest.advisor.open": "Open your dashboard: {url}",
  "arrange.subject": "To arrange at short notice: {what} for a conversation",
  "arrange.service": "{service, select, CAPTIONS {live captions (a captioner)} other {a sign-language interpreter}}",
  "arrange.intro":
    "A participant in an informational interview at {institution} asked for {what}. It is sooner than your lead time of {days, plural, one {# day} other {# days}}, so it needs arranging now. They were told, and offered the later times.",
  "arrange.booked": "The conversation is booked for {when}.",
  "arrange.notBooked": "The conversation is not booked yet.",
  "arrange.timesProposed": "The times proposed:",
  "arrange.how": "How they meet: {how}.",
  "arrange.privacy":
    "Who asked, and anything else they need, is shared with the career center only when the student chooses to; they are never asked why.",
  "arrange.reference": "Request reference: {id}",
  "arrange.open": "Open Infoview: {url}",
  "account.ignore": "If you did not ask for this, you can ignore this email.",
  "account.signIn.subject": "Your Infoview sign-in link",
  "account.signIn.link": "Sign in to Infoview: {link}",
  "account.signIn.lifetime": "It works once, for {minutes} minutes.",
  "account.reset.subject": "Reset your Infoview password",
  "account.reset.link": "Choose a new password: {link}",
  "account.reset.lifetime": "The link works once, for {minutes} minutes. Resetting signs you out everywhere else.",
  "account.verify.subject": "Confirm your email address for Infoview",
  "account.verify.link": "Confirm that this address is yours: {link}",
  "account.verify.lifetime": "The link works once, for 24 hours.",
  "account.invitation.subject": "You're invited to {institution} on Infoview",
  "account.invitation.role":
    "{role, select, STUDENT {a student} ALUMNUS {an alumni volunteer} ADVISOR {a career advisor} other {an administrator}}",
  "account.invitation.body":
    "{institution} invites you to join Infoview as {role}.\nInfoview connects students with alumni for short informational interviews — conversations to learn what a field is really like.",
  "account.invitation.link": "Set your password and get started: {link}",
  "account.invitation.until": "This link works until {until}.",
  "account.erasure.subject": "Your {institution} Infoview account will be deleted on {due}",
  "account.erasure.body":
    "You asked to delete your account. On {due} (UTC) everything {institution}'s Infoview holds about you will be erased: your profile, messages, notes and contact log. The people you met keep their own notes, without your name.",
  "account.erasure.cancel": 'Changed your mind? Sign in before then and choose "Cancel deletion" on your account page.',
  "account.erasure.account": "Your account: {url}",
  "account.erasure.copy": 'Want a copy first? "Download my data" is on the same page.',
  "graduation.volunteer.subject": "Congratulations, graduate: will you talk with {institution} students?",
  "graduation.volunteer.account":
    "Congratulations on graduating! You are now an alum of {institution} on Infoview, with the same account: your contact log, notes and names suggested to you are still yours.",
  "graduation.volunteer.ask":
    "Would you volunteer for short informational interviews, 20 to 30 minutes, with students who want to learn what your field is really like? Your alum profile starts from your student profile (major, class year, fields, place); check it and change what you like.",
  "graduation.volunteer.consent": "Nothing about you is shown to students until you agree. Say yes, or not now: {url}",
  "graduation.volunteer.control": "You decide how many requests you take each month, and you can pause or stop at any time.",
} as const satisfies Record<string, string>;
