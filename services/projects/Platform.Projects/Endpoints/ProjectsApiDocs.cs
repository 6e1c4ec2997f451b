namespace Platform.Projects.Endpoints;

/// <summary>
/// The words of the projects OpenAPI document (summaries, descriptions, error answers, examples), keyed by endpoint
/// name. A new endpoint needs an entry here: the OpenAPI lint test fails on an operation without a summary.
/// </summary>
internal static class ProjectsApiDocs
{
    private const string MembersAndPmo = "The project's members and PMO analysts (403 for anyone else who can see the project).";

    /// <summary>Every operation naming people (manager, sponsor, member, owner, attendees, allocated person) checks them.</summary>
    private const string KnownPeople = "Everyone named must be an active person of the people directory (`GET /api/people`): 422 `unknown-person` with the fields in `errors` otherwise.";

    public static readonly ApiDocs Docs = new()
    {
        Title = "Platform projects API",
        Description = """
            The PMO's project portfolio: projects with their members, issue log, risk register, milestones and tasks,
            deliverables, allocations, meetings, escalations, health and weekly status reports.

            PMO analysts (and admins and integration tools) see every project; everyone else sees the projects they are
            a member of and gets 404 for the rest. PMO analysts create projects; PMO and the project's manager manage
            members and allocations; members and PMO work the issue log, risks, schedule, deliverables and meetings.
            Every call needs a bearer token with the `projects` scope. Errors are RFC 9457 ProblemDetails.
            """,
        Tags =
        {
            ["Projects"] = "A project and everything under it: members, issues, risks, milestones and tasks, deliverables, allocations, meetings, escalations, health and status reports.",
            ["Escalations"] = "Escalations to the PMO across projects, raised by hand or by rules (risk score, overdue milestone, critical ticket issue, over-allocation); PMO acknowledges and resolves them.",
            ["Portfolio"] = "Every visible project's health, progress and top risks in one list, for the PMO's portfolio review.",
            ["People"] = "A person's allocations across projects, with the weeks they are over 100 %.",
            ["Meetings"] = "Action items from project meetings across the projects the caller sees.",
            ["Status reports"] = "Weekly status reports kept as generated snapshots, as JSON or Markdown.",
            ["Cost"] = "Hourly labour rates per project role and currency, which cost the projects' allocations.",
            ["Templates"] = "The PMO's standards: versioned project templates (phases and milestones, deliverables, a risk checklist, meeting series, a kit profile) that projects start from or follow.",
            ["Vendors"] = "The vendor register and each vendor's scorecard (on-time deliverables, rejections, quote response time).",
        },
        Operations =
        {
            // Projects, members, issues
            ["CreateProject"] = new("Create a project",
                "Opens a project (key `PRJ-n`) with its manager and optional code, sponsor, phase and budget. With `template` (and `templateVersion`, default the latest) it starts from the PMO's standard: its milestones, deliverables, risks and meeting series are made with dates from `startDate` (default today), and its members get the template's kit profile (404 unknown template, 409 `template-retired`). PMO analysts and admins. " + KnownPeople,
                [404, 409, 422], Example: """{"name":"Network refresh","description":"Replace the core switches of building B.","manager":"pm.jones","startDate":"2027-01-11","endDate":"2027-06-30","code":"NET-2027","sponsor":"cio.sato","phase":"Planning","budget":250000,"currency":"JPY"}"""),
            ["ListProjects"] = new("List projects", "The projects the caller sees (PMO: all), with keyset paging (`limit`, `cursor`)."),
            ["GetProject"] = new("Get a project", "One project by id or key (`PRJ-7`).", [404]),
            ["UpdateProject"] = new("Update a project's portfolio fields or hand it to another manager",
                "Changes code, sponsor, phase, budget or currency (ISO 4217; only while the project holds no budget lines, costs or commitments: 409 `currency-in-use`); absent fields stay. `manager` hands the project over (the new manager joins as a member if not one; the previous one stays a member and may then be removed), e.g. when its manager left (see `orphans`). PMO analysts and the project's manager (403 otherwise). " + KnownPeople,
                [403, 404, 422], """{"code":null,"sponsor":null,"phase":"Execution","budget":275000,"manager":null}"""),
            ["ListProjectMembers"] = new("List a project's members", "Members with their project role and when they joined.", [404]),
            ["AddProjectMember"] = new("Add a member to a project",
                "Adds a person with a project role; assets hears of it and opens an onboarding kitting request. PMO analysts and the project's manager (403 otherwise). " + KnownPeople,
                [403, 404, 422], """{"userId":"dev.tanaka","role":"Network engineer"}"""),
            ["RemoveProjectMember"] = new("Remove a member from a project",
                "Takes the person off the project; assets hears of it and opens a return request. The manager stays (409 `manager-stays`). PMO analysts and the project's manager (403 otherwise).",
                [403, 404]),
            ["ListProjectOrphans"] = new("List what people who left still hold on a project",
                "Open things of the project in the name of someone the people directory says has left: the project itself when its manager or sponsor left (`field` manager or sponsor), open issues, active risks, unfinished tasks and meeting action items, and unaccepted deliverables they own (`field` owner), with who left and when. Leaving reassigns nothing: give each a new owner (PATCH it). Whoever sees the project.",
                [404]),
            ["ListProjectIssues"] = new("List a project's issues", "The issue log, filtered by status, owner or overdue, with keyset paging.", [404]),
            ["CreateProjectIssue"] = new("Log a project issue",
                "Adds an issue with severity, owner and optional due date. " + MembersAndPmo + " " + KnownPeople,
                [403, 404, 422], """{"title":"Switch delivery delayed","description":"The vendor moved delivery by three weeks.","severity":"High","owner":"pm.jones","dueDate":"2027-03-01"}"""),
            ["GetProjectIssue"] = new("Get a project issue", "One issue by id or key.", [404]),
            ["UpdateProjectIssue"] = new("Update a project issue",
                "Changes title, description, severity, owner or due date; absent fields stay, \"\" clears the owner, `clearDueDate` removes the due date. " + MembersAndPmo + " " + KnownPeople,
                [403, 404, 422], """{"title":null,"description":null,"severity":"Critical","owner":"pm.jones","dueDate":null,"clearDueDate":false}"""),
            ["TransitionProjectIssue"] = new("Move a project issue through its workflow",
                "Start, Resolve, Reopen or Close; `note` is the resolution when resolving, the reason when reopening. Resolving an issue that came from a ticket tells ticketing (ProjectIssueResolved). An action the status does not allow answers 409. " + MembersAndPmo,
                [403, 404], """{"action":"Resolve","note":"Vendor shipped from another warehouse."}"""),

            // Risks
            ["ListProjectRisks"] = new("List a project's risks", "The risk register, filtered by status or minimum score, newest first, with keyset paging.", [404]),
            ["CreateProjectRisk"] = new("Identify a risk",
                "Adds a risk scored probability × impact (1–5 each). A score at or above the configured threshold (default 15) raises an escalation to the PMO. " + MembersAndPmo + " " + KnownPeople,
                [403, 404, 422], """{"title":"Key engineer leaves","description":"Only one engineer knows the core configuration.","probability":3,"impact":5,"owner":"pm.jones","mitigation":"Pair a second engineer on every change.","trigger":"Resignation notice"}"""),
            ["GetProjectRisk"] = new("Get a risk", "One risk with its score history.", [404]),
            ["UpdateProjectRisk"] = new("Update or rescore a risk",
                "Changes a risk; absent fields stay, an empty string clears owner, mitigation or trigger. A rescore crossing the threshold raises an escalation. " + MembersAndPmo + " " + KnownPeople,
                [403, 404, 422], """{"title":null,"description":null,"probability":2,"impact":5,"owner":null,"mitigation":null,"trigger":null,"status":"Mitigating"}"""),

            // Schedule
            ["ListMilestones"] = new("List a project's milestones", "Milestones with due date, completion, overdue flag and progress.", [404]),
            ["CreateMilestone"] = new("Add a milestone", "A milestone with its due date. " + MembersAndPmo, [403, 404],
                """{"name":"Core switches installed","dueDate":"2027-04-30"}"""),
            ["UpdateMilestone"] = new("Update a milestone", "Renames, reschedules or completes a milestone; absent fields stay. " + MembersAndPmo, [403, 404],
                """{"name":null,"dueDate":"2027-05-14","completed":false}"""),
            ["ListTasks"] = new("List a project's tasks", "Tasks filtered by milestone, owner or overdue, with keyset paging.", [404]),
            ["CreateTask"] = new("Add a task",
                "A task with owner, dates, estimate, optional milestone and predecessors (`dependsOn`, task keys or ids; an unknown one answers 404), and an optional `budget` (its share of the project's budget for earned value; without one it takes a share of what budgeted tasks leave, by estimate). A dependency cycle or a task starting before its predecessors finish answers 409. " + MembersAndPmo + " " + KnownPeople,
                [403, 404, 422], """{"title":"Rack the new switches","owner":"dev.tanaka","milestoneId":null,"startDate":"2027-04-01","dueDate":"2027-04-09","estimateHours":16,"dependsOn":[]}"""),
            ["GetTask"] = new("Get a task", "One task by id or key.", [404]),
            ["UpdateTask"] = new("Update a task",
                "Changes a task; absent fields stay, `clearMilestone` detaches it from its milestone, `percentDone` records progress (kept per day for the earned-value curves), `budget` sets the task's own budget and `clearBudget` returns it to a share by estimate. A change that brings the cost forecast over the limit raises a CostOverrunForecast escalation. " + MembersAndPmo + " " + KnownPeople,
                [403, 404, 422], """{"title":null,"owner":null,"milestoneId":null,"clearMilestone":false,"startDate":null,"dueDate":null,"estimateHours":null,"percentDone":50}"""),
            ["AddTaskDependency"] = new("Make a task depend on another",
                "Adds a predecessor (task key or id) to the task. A dependency that would close a cycle answers 409. " + MembersAndPmo,
                [403, 404], """{"dependsOn":"TSK-31"}"""),
            ["RemoveTaskDependency"] = new("Remove a task dependency", "Removes a predecessor from the task. " + MembersAndPmo, [403, 404]),
            ["GetProjectProgress"] = new("Get a project's progress",
                "Progress rolled up task → milestone → project, weighted by estimate, against the plan (schedule variance).", [404]),

            // Deliverables
            ["ListDeliverables"] = new("List a project's deliverables", "Deliverables with their acceptance criteria and review status, optionally by status.", [404]),
            ["CreateDeliverable"] = new("Define a deliverable",
                "A deliverable with acceptance criteria, owner and due date, in Draft. " + MembersAndPmo + " " + KnownPeople,
                [403, 404, 422], """{"name":"Network design document","description":"Target topology and cut-over plan.","acceptanceCriteria":["Reviewed by security","Signed off by the sponsor"],"owner":"dev.tanaka","dueDate":"2027-02-15"}"""),
            ["GetDeliverable"] = new("Get a deliverable", "One deliverable with its review history.", [404]),
            ["UpdateDeliverable"] = new("Update a deliverable", "Changes name, description, criteria, owner or due date; name and criteria are frozen while under review (409 `under-review`). " + MembersAndPmo + " " + KnownPeople, [403, 404, 422],
                """{"name":null,"description":null,"acceptanceCriteria":["Reviewed by security","Signed off by the sponsor","Approved by operations"],"owner":null,"dueDate":null}"""),
            ["TransitionDeliverable"] = new("Submit, accept, reject or reopen a deliverable",
                "Members submit deliverables for review; PMO analysts and the project's manager accept or reject them (reject needs a reason), 403 otherwise. An action the status does not allow answers 409.",
                [403, 404], """{"action":"Reject","reason":"The cut-over plan has no rollback step."}"""),

            // Escalations
            ["CreateProjectEscalation"] = new("Escalate an issue or a risk to the PMO",
                "Raises an escalation for one of the project's issues or risks (`sourceType`, `source` key or id; an unknown one answers 404). One open escalation per source (409 `already-escalated`). " + MembersAndPmo,
                [403, 404], """{"sourceType":"Issue","source":"ISS-12","reason":"Delivery delay threatens the go-live date.","severity":"High"}"""),
            ["ListProjectEscalations"] = new("List a project's escalations", "The project's escalations, filtered by status or rule, with keyset paging.", [404]),
            ["ListEscalations"] = new("List escalations", "Escalations of the projects the caller sees, filtered by status, rule or project (an unknown project answers 404), with keyset paging.", [404]),
            ["GetEscalation"] = new("Get an escalation", "One escalation with its history.", [404]),
            ["TransitionEscalation"] = new("Acknowledge or resolve an escalation",
                "PMO analysts (and admins) acknowledge and resolve escalations, with a note; anyone else gets 403. An action the status does not allow answers 409.",
                [403, 404], """{"action":"Acknowledge","note":"Discussing with the vendor on Monday."}"""),

            // Portfolio and health
            ["GetPortfolio"] = new("Get the portfolio",
                "Every visible project's health, progress and top risks, filtered by health or phase, with keyset paging. PMO sees all projects, others their own."),
            ["GetProjectHealth"] = new("Get a project's health", "The project's computed health (Green, Amber, Red) with its reasons, or the PMO's override with its comment.", [404]),
            ["OverrideProjectHealth"] = new("Override a project's health",
                "PMO analysts set the health by hand with a comment, shown as an override (403 for anyone else).",
                [403, 404], """{"health":"Amber","comment":"Vendor delay; recovery plan agreed."}"""),
            ["GetPortfolioCost"] = new("Get the portfolio's cost roll-up",
                "Every visible project's budget at completion, planned value, earned value, actual cost, CPI, SPI, estimate and variance at completion and commitments on a date (`asOf`, default today; `phase` filters), with sums per currency (amounts in different currencies are never added)."),
            ["ClearProjectHealthOverride"] = new("Clear a health override", "Returns to the computed health. PMO analysts (403 for anyone else).", [403, 404]),

            // Cost and earned value
            ["GetProjectCost"] = new("Get a project's cost and earned value",
                "On a date (`asOf`, default today): budget at completion (BAC: the budget lines, else the project's budget, else its tasks' budgets), planned value (PV, from the tasks' budgets and dates), earned value (EV, from percent done as it stood that day), actual cost (AC: costs dated up to then, procurements received for the project, and labour: allocations' working days × 8 h × percent × the role's hourly rate), CV, SV, CPI = EV/AC, SPI = EV/PV, EAC = BAC/CPI, ETC, VAC, TCPI; the budget by month and category, actuals and commitments by category, open procurements, costs in other currencies (not converted, not in AC), and the weekly PV/EV/AC curves.",
                [404]),
            ["SetProjectBudget"] = new("Set a project's budget by month and category",
                "Replaces the whole budget with the lines given (month `yyyy-MM`, category Labour, Hardware, Software, Services or Other, amount in the project's currency; each month and category once; an empty list clears it) and sets the project's budget figure to their sum. Answers the cost figures. PMO analysts and the project's manager (403 otherwise).",
                [403, 404], """{"lines":[{"period":"2027-01","category":"Hardware","amount":120000},{"period":"2027-01","category":"Labour","amount":80000},{"period":"2027-02","category":"Services","amount":50000}]}"""),
            ["ListProjectCosts"] = new("List a project's actual costs", "Newest first, by `category` and date range (`from`, `to`), at most `limit` (default 200, up to 1000).", [404]),
            ["RecordProjectCost"] = new("Record an actual cost",
                "A dated cost in a category, in the project's currency (`currency` may be left out; another one answers 422 `currency-mismatch`); not dated in the future, not negative. A cost that brings the estimate at completion over the budget by more than the configured share raises a CostOverrunForecast escalation (once while it stands). PMO analysts and the project's manager (403 otherwise).",
                [403, 404, 422], """{"date":"2027-02-12","category":"Services","amount":42000,"currency":"JPY","description":"Cabling contractor, first invoice"}"""),
            ["DeleteProjectCost"] = new("Delete an actual cost",
                "Removes a cost recorded by hand (a correction). A cost taken from a procurement follows the procurement: 409 `from-procurement`. PMO analysts and the project's manager (403 otherwise).",
                [403, 404]),
            ["ListLabourRates"] = new("List labour rates", "The hourly rate of each project role per currency; a project's labour is costed at the rates in its currency."),
            ["SetLabourRate"] = new("Set a labour rate", "Sets what an hour of a project role (as members are added: `engineer`, `manager`…) costs in a currency. PMO analysts and admins (403 otherwise).",
                [403], """{"currency":"JPY","hourlyRate":8000}"""),
            ["DeleteLabourRate"] = new("Delete a labour rate", "Removes the role's rate in `currency`; its hours are then reported as uncosted. PMO analysts and admins (403 otherwise).", [403, 404]),

            // Standards
            ["ListProjectTemplates"] = new("List project templates",
                "The PMO's standards, each at its latest version with its counts of milestones, deliverables, risks and meeting series and how many projects follow it; retired ones with `includeRetired=true`."),
            ["GetProjectTemplate"] = new("Get a project template", "The latest version (or `version`) with its whole definition and the list of versions.", [404]),
            ["PublishProjectTemplate"] = new("Publish a template version",
                "Publishes the next version of the template under `key` (the first makes it; a retired template published anew is in use again). Phases hold milestones due `offsetDays` after a project's start and coming `after` other milestones; deliverables are due with a `milestone` or on a day; risks are scored 1–5 × 1–5; meeting series repeat `everyWeeks` at `time` (HH:mm) in `timeZone`. Refs are unique: 422 `duplicate-ref`, `unknown-ref`, `milestone-cycle` (milestones after each other in a circle) or `milestone-order` (due before a milestone it comes after). PMO analysts and admins (403 otherwise).",
                [403, 422], """{"name":"IT rollout","phases":[{"name":"Plan","milestones":[{"ref":"kickoff","name":"Kick-off","offsetDays":0},{"ref":"design","name":"Design approved","offsetDays":30,"after":["kickoff"]}]}],"deliverables":[{"ref":"charter","name":"Project charter","acceptanceCriteria":["Sponsor signed"],"milestone":"kickoff"}],"risks":[{"ref":"vendor","title":"Vendor delivers late","probability":3,"impact":4}],"meetings":[{"ref":"weekly","title":"Weekly status","everyWeeks":1,"firstOffsetDays":7,"time":"10:00","occurrences":12,"timeZone":"Asia/Tokyo"}],"kitProfile":"standard-laptop"}"""),
            ["RetireProjectTemplate"] = new("Retire a project template", "No new project starts from it (409 `template-retired`); projects following it keep it. PMO analysts and admins (403 otherwise).", [403, 404]),
            ["FollowProjectTemplate"] = new("Follow a template",
                "The project follows the template (`version` absent: the latest) from now on. Each standard item is linked to what the project has under the same name; with `instantiate: true` the rest is made, with dates from the project's start. PMO analysts and the project's manager (403 otherwise).",
                [403, 404], """{"template":"it-rollout","instantiate":true}"""),
            ["GetProjectCompliance"] = new("Get a project's compliance",
                "Each standard item of the version the project follows: Done, OnTrack, Late (past its due date, or a meeting held without minutes), Skipped (with the reason) or Missing; with counts and the template's latest version.", [404]),
            ["SkipStandardItem"] = new("Skip a standard item", "Records why the project does without the item (a skip with a reason counts as compliant). PMO analysts and the project's manager (403 otherwise).",
                [403, 404], """{"reason":"No steering committee: the sponsor chairs the weekly status."}"""),
            ["UnskipStandardItem"] = new("Take a skip back", "The item counts again as it stands (409 `not-skipped`). PMO analysts and the project's manager.", [403, 404]),
            ["InstantiateStandardItem"] = new("Make a missing standard item",
                "Makes the item in the project now, dated from its start (409 `item-present` when it is there, `item-skipped` when skipped). PMO analysts and the project's manager.", [403, 404]),
            ["GetPortfolioCompliance"] = new("Get the portfolio's compliance", "For every visible open project: the template and version it follows, the latest version, and its counts of items done, on track, late, skipped and missing."),

            // Vendors
            ["ListVendors"] = new("List vendors", "The vendor register (active ones; `includeInactive=true` for all; `q` matches the name), each with its scorecard."),
            ["RegisterVendor"] = new("Register a vendor", "A supplier, by name (unique however spaced or cased: 409 `vendor-exists`), with an optional contact e-mail and notes. PMO analysts and PSO staff (403 otherwise).",
                [403, 409], """{"name":"Bechtle","contactEmail":"sales@bechtle.example","notes":"Framework agreement 2027"}"""),
            ["GetVendor"] = new("Get a vendor with its scorecard",
                "The vendor, its contracts on the projects the caller sees with their deliverables, its quotes (from procurement, by event) and its scorecard: deliverables accepted on time against those accepted late or overdue, deliverables rejected, the median hours to a first quote, quotes won.", [404]),
            ["UpdateVendor"] = new("Update a vendor", "Name, contact, notes, or `active: false` (no new contract). PMO analysts and PSO staff (403 otherwise).", [403, 404, 409],
                """{"contactEmail":"orders@bechtle.example","active":true}"""),
            ["ListProjectContracts"] = new("List a project's vendor contracts", "With each deliverable it owes: due date, review state, when accepted, on time or not, rejections.", [404]),
            ["SignVendorContract"] = new("Record a vendor contract",
                "A contract of the project with an active vendor (409 `vendor-inactive`): title, value in the project's currency (422 `currency-mismatch`), start and end dates, SLA terms, and the deliverables it owes, made as the project's deliverables (reviewed by the usual workflow). PMO analysts and the project's manager (403 otherwise).",
                [403, 404, 409, 422], """{"vendor":"VND-1","title":"Cabling, building B","value":1200000,"currency":"JPY","startDate":"2027-01-11","endDate":"2027-03-31","slaTerms":"On-site within 4 business hours","deliverables":[{"name":"As-built cabling plan","acceptanceCriteria":["Every port labelled"],"dueDate":"2027-03-15"}]}"""),

            // Allocations
            ["ListProjectAllocations"] = new("List a project's allocations", "Members' allocations (% per period) on the project.", [404]),
            ["CreateProjectAllocation"] = new("Allocate a member to a project",
                "Books a percentage of a member's time for a period. An allocation taking the person over 100 % in any ISO week is kept, reported in the answer, and raises the over-allocation escalation. The person must be a member (409 `not-a-member`). PMO analysts and the project's manager (403 otherwise). " + KnownPeople,
                [403, 404, 422], """{"userId":"dev.tanaka","percent":50,"from":"2027-02-01","to":"2027-04-30"}"""),
            ["DeleteProjectAllocation"] = new("Delete an allocation", "Removes an allocation. PMO analysts and the project's manager (403 otherwise).", [403, 404]),
            ["ListPersonAllocations"] = new("List a person's allocations", "The person's allocations (all of them for PMO and for the person themself, otherwise those on projects the caller sees), and the weeks they are over 100 %."),

            // Meetings
            ["ListMeetings"] = new("List a project's meetings", "Meetings newest first, with keyset paging.", [404]),
            ["CreateMeeting"] = new("Schedule a meeting", "A meeting with title, time, attendees and agenda. " + MembersAndPmo + " " + KnownPeople, [403, 404, 422],
                """{"title":"Weekly steering","scheduledAt":"2027-02-03T09:00:00Z","attendees":["pm.jones","dev.tanaka","cio.sato"],"agenda":["Vendor delay","Budget"]}"""),
            ["GetMeeting"] = new("Get a meeting", "One meeting with its decisions and action items.", [404]),
            ["UpdateMeeting"] = new("Update a meeting", "Changes title, time, attendees, agenda or minutes; absent fields stay. " + MembersAndPmo + " " + KnownPeople, [403, 404, 422],
                """{"title":null,"scheduledAt":null,"attendees":null,"agenda":null,"minutes":"Agreed to accept the vendor's new date."}"""),
            ["RecordMeetingDecision"] = new("Record a meeting decision", "Adds a decision to the meeting's record. " + MembersAndPmo, [403, 404],
                """{"text":"Go-live moves to 14 May."}"""),
            ["AddMeetingActionItem"] = new("Add a meeting action item",
                "Adds an action item, which becomes a tracked task of the project (owner, due date, estimate). " + MembersAndPmo + " " + KnownPeople,
                [403, 404, 422], """{"title":"Confirm the new delivery date in writing","owner":"pm.jones","dueDate":"2027-02-05","estimateHours":1}"""),
            ["ListActionItems"] = new("List action items", "Open (or overdue) meeting action items across the projects the caller sees, by owner or project, with keyset paging."),

            // Status reports
            ["GenerateStatusReport"] = new("Generate a weekly status report",
                "Generates the report for an ISO week (`week`, e.g. `2027-W05`; the body may be left out for the current week) from the project's data and keeps it as a snapshot: one per project and week (409 `already-generated`). " + MembersAndPmo,
                [403, 404], """{"week":"2027-W05"}"""),
            ["ListStatusReports"] = new("List a project's status reports", "The project's kept reports, newest week first, with keyset paging.", [404]),
            ["GetStatusReport"] = new("Get a status report", "One report as JSON, or as Markdown with `Accept: text/markdown` or `?format=md`.", [404]),
        },
    };
}
