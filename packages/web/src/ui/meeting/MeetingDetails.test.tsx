import { render, screen } from "@testing-library/react";
import { MeetingDetails } from "./MeetingDetails";
import type { MeetingDetails_InterviewRequestFragment } from "./MeetingDetails.generated";

const meeting: MeetingDetails_InterviewRequestFragment = {
  __typename: "InterviewRequest",
  id: "r1",
  meetingStartsAt: "2027-03-16T14:00:00.000Z",
  modality: "VIDEO",
  meetingLink: "https://meet.example/maya",
  meetingPhone: null,
  meetingLocation: null,
  inPersonNotes: null,
};

/** The details as term → description, in the order shown. */
const details = () => Object.fromEntries(screen.getAllByRole("term").map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));

test("the student reads the meeting on their clock with the alum's beside it, and how to join", () => {
  render(<MeetingDetails meeting={meeting} myZone="America/New_York" other={{ name: "Samuel", timeZone: "America/Chicago" }} />);
  expect(details()).toEqual({
    When: "Tue, Mar 16, 10:00 AM EDTTue, Mar 16, 9:00 AM CDT for Samuel",
    How: "Video call",
    Link: "https://meet.example/maya",
  });
  expect(screen.getByRole("link", { name: "https://meet.example/maya" }).getAttribute("href")).toBe("https://meet.example/maya");
});

test("the alum reads the same meeting on their own clock, with the student's beside it", () => {
  render(
    <MeetingDetails
      meeting={{ ...meeting, modality: "IN_PERSON", meetingLink: null, meetingLocation: "Café Lumen", inPersonNotes: "Ask for Sam" }}
      myZone="America/Chicago"
      other={{ name: "Maya", timeZone: "America/Chicago" }}
    />,
  );
  expect(details()).toEqual({ When: "Tue, Mar 16, 9:00 AM CDT", How: "In person", Where: "Café Lumen", "Good to know": "Ask for Sam" });
});
