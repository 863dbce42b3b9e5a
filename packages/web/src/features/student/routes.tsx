import type { RouteObject } from "react-router-dom";

/** The student area: every page its own lazy chunk, inside a layout with the area's navigation. */
export const studentRoutes: RouteObject = {
  path: "student",
  lazy: () => import("./components/StudentLayout").then((m) => ({ Component: m.StudentLayout })),
  children: [
    { index: true, lazy: () => import("./components/StudentHomePage").then((m) => ({ Component: m.StudentHomePage })) },
    { path: "onboarding", lazy: () => import("./components/OnboardingPage").then((m) => ({ Component: m.OnboardingPage })) },
    { path: "alumni", lazy: () => import("./components/FindAlumniPage").then((m) => ({ Component: m.FindAlumniPage })) },
    { path: "alumni/:alumnusId", lazy: () => import("./components/AlumnusPage").then((m) => ({ Component: m.AlumnusPage })) },
    {
      path: "alumni/:alumnusId/request",
      lazy: () => import("./components/RequestComposerPage").then((m) => ({ Component: m.RequestComposerPage })),
    },
    { path: "conversations", lazy: () => import("./components/ConversationsPage").then((m) => ({ Component: m.ConversationsPage })) },
    {
      path: "conversations/:requestId",
      lazy: () => import("./components/ConversationPage").then((m) => ({ Component: m.ConversationPage })),
    },
    {
      path: "conversations/:requestId/thank-you",
      // Through the conversation page's chunk: the first page's route table names no new files (the bundle budget).
      lazy: () => import("./components/ConversationPage").then((m) => m.loadThankYouComposer()),
    },
    {
      path: "conversations/:requestId/before",
      lazy: () => import("./components/ConversationPage").then((m) => m.loadBeforeYouMeet()),
    },
    {
      path: "conversations/:requestId/meeting",
      lazy: () => import("./components/ConversationPage").then((m) => m.loadMeetingView()),
    },
    { path: "contacts", lazy: () => import("./components/ContactLogPage").then((m) => ({ Component: m.ContactLogPage })) },
  ],
};
