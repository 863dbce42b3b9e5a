import type { Role } from "../graphql/types.generated";

/** One area of the app per role: where it lives and what it will hold. */
export interface RoleArea {
  role: Role;
  path: string;
  navLabel: string;
  title: string;
  summary: string;
  coming: string[];
}

export const ROLE_AREAS: RoleArea[] = [
  {
    role: "STUDENT",
    path: "/student",
    navLabel: "Student",
    title: "Your conversations",
    summary: "Find alumni to learn from, prepare, ask for a conversation, and keep a record of every contact.",
    coming: [
      "A short profile and pitch: who you are and which fields you're exploring",
      "A list of alumni matched to your interests, with the reasons each one fits",
      "A question bank to prepare open-ended questions",
      "Requests with two or three proposed times, checked so they never ask for a job",
      "Notes, thank-you reminders and a contact log, including who each person suggested you talk to next",
    ],
  },
  {
    role: "ALUMNUS",
    path: "/alumni",
    navLabel: "Alumni",
    title: "Volunteering",
    summary: "Share what your work is really like, on your own terms and time.",
    coming: [
      "Choose whether you appear in the directory and whether students may contact you",
      "Say what you can talk about and how many conversations you can take on",
      "Accept a request by picking one of the proposed times, or decline and suggest someone else",
      "See your upcoming conversations, with calendar invitations",
    ],
  },
  {
    role: "ADVISOR",
    path: "/advisor",
    navLabel: "Advisor",
    title: "Advising",
    summary: "Follow your students' conversations and see what comes of them.",
    coming: [
      "Your students' activity, and who seems stuck",
      "Suggest alumni for a student to contact",
      "Outcomes across the institution: requests, acceptances, completed conversations and thank-yous",
      "Reports by field, class year and period, with CSV export",
    ],
  },
  {
    role: "ADMIN",
    path: "/admin",
    navLabel: "Admin",
    title: "Administration",
    summary: "Set up Infoview for your institution and the people in it.",
    coming: [
      "Institution settings: meeting length, request expiry and reminders",
      "Invite people, or import them from your student and alumni systems",
      "The consent texts that students and alumni agree to",
      "API keys and webhooks for campus systems",
    ],
  },
];

export const areaFor = (role: Role): RoleArea => ROLE_AREAS.find((area) => area.role === role) as RoleArea;
