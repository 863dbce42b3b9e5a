import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router-dom";
import { csvProblem } from "../csv-import";
import { ImportPage } from "./ImportPage";

function renderImport() {
  window.sessionStorage.clear();
  render(
    <MockedProvider mocks={[]}>
      <MemoryRouter>
        <ImportPage />
      </MemoryRouter>
    </MockedProvider>,
  );
}

describe("the CSV import form", () => {
  test("asks for a file when submitted empty, and sends nothing", async () => {
    renderImport();
    await userEvent.click(screen.getByRole("button", { name: "Import students" }));
    expect(await screen.findByText("Choose a CSV file or paste its contents.")).toBeTruthy();
    expect(screen.queryByRole("progressbar")).toBeNull();
  });

  test("checks the header as it is typed, for the chosen roster", async () => {
    renderImport();
    const contents = screen.getByLabelText("CSV contents");
    await userEvent.type(contents, "externalId,email,displayName,employer");
    await userEvent.tab();
    expect(await screen.findByText(/Unknown: “employer”/)).toBeTruthy();

    await userEvent.click(screen.getByRole("radio", { name: "Alumni" }));
    expect(screen.getByRole("button", { name: "Import alumni" })).toBeTruthy();
    expect(screen.queryByText(/Unknown: “employer”/)).toBeNull();
    expect(screen.getByText("The file has a header but no rows.")).toBeTruthy();

    await userEvent.type(contents, "\nA-1,ana@example.edu,Ana,Riverbank");
    expect(screen.queryByText("The file has a header but no rows.")).toBeNull();
  });

  test("keeps what was typed in the session, so a reload or a failed request loses nothing", async () => {
    renderImport();
    await userEvent.type(screen.getByLabelText("CSV contents"), "externalId,email");
    expect(window.sessionStorage.getItem("infoview:draft:people-import")).toContain("externalId,email");
  });
});

describe("csvProblem", () => {
  test("accepts the server's header spellings and refuses missing columns", () => {
    expect(csvProblem("STUDENT", "External ID,E-mail,display_name\nS-1,a@b.edu,A")).toBeNull();
    expect(csvProblem("STUDENT", '"id","email","name"\r\nS-1,a@b.edu,A')).toBeNull();
    expect(csvProblem("STUDENT", "id,email\nS-1,a@b.edu")).toBe("Add the missing column: displayName.");
    expect(csvProblem("ALUMNUS", "id,email,name,job title\nA-1,a@b.edu,A,Analyst")).toBeNull();
    expect(csvProblem("STUDENT", "id,email,name,job title\nS-1,a@b.edu,A,Analyst")).toMatch(/Unknown: “job title”/);
  });
});
