namespace Platform.Ticketing.Endpoints;

/// <summary>
/// The words of the ticketing OpenAPI document (summaries, descriptions, error answers, examples), keyed by endpoint
/// name. A new endpoint needs an entry here: the OpenAPI lint test fails on an operation without a summary.
/// </summary>
internal static class TicketingApiDocs
{
    public static readonly ApiDocs Docs = new()
    {
        Title = "Platform ticketing API",
        Description = """
            The help desk: tickets with their comments, attachments, SLA clocks and history; queues and routing; business
            calendars and SLA policies; the knowledge base; ticket categories; and signed alert hooks from monitoring tools.

            Requesters (and tools) see only their own tickets and get 404 for anyone else's, so that ids do not leak;
            agents (role `agent`) work tickets and configure the help desk; agents and PMO analysts promote tickets to
            projects. Every call under `/api` needs a bearer token with the `tickets` scope. Errors are RFC 9457
            ProblemDetails.
            """,
        Tags =
        {
            ["Tickets"] = "Raise, find, work and close tickets: comments, attachments, assignment, routing, satisfaction, major incidents and promotion to a project.",
            ["SLA"] = "Business calendars (working hours, holidays) and SLA policies (first response and resolution targets per priority and category). Agents and admins.",
            ["Queues"] = "Queues (groups) of agents, their members and availability, and the rule that picks an agent. Agents and admins.",
            ["Knowledge base"] = "Articles agents write and everyone searches (requesters only public ones), suggestions for a ticket, and articles linked to tickets.",
            ["Categories"] = "Ticket categories with their templates and defaults (impact, urgency, queue). Everyone reads them; agents manage them.",
            ["Hooks"] = "Signed inbound alerts from monitoring tools (HMAC signature instead of a bearer token) that open, update and resolve tickets.",
        },
        Operations =
        {
            // Tickets
            ["CreateTicket"] = new("Raise a ticket",
                "Opens a ticket for the caller. A known `category` prefills the title, description, impact and urgency left out, and routes the ticket to the category's default queue. Priority comes from impact × urgency (see the priority matrix); the SLA policy for that priority and category starts the clocks. Only agents may open a ticket on someone else's behalf (`requester`); for anyone else the caller is the requester. A `requester` the people directory does not know (or who left) answers 422 `unknown-person`.",
                [422],
                Example: """{"title":"Laptop does not start","description":"My laptop shows a black screen after the update this morning.","requester":null,"category":"hardware","impact":"Medium","urgency":"High","assetTag":"AST-00031"}"""),
            ["ListTickets"] = new("List tickets",
                "Tickets newest first, filtered by status, priority, assignee, requester, asset tag, queue, category, major-incident flag, `unassigned=true`, `slaAtRisk=true` (a running SLA clock at warning or breach) or `myQueues=true` (the queues the caller is a member or the team lead of: my team's queues; `false` for the others), with keyset paging (`limit`, `cursor`; `nextCursor` in the answer). `sort=slaDue` orders by the soonest SLA deadline instead (tickets with a running clock only). Requesters see only their own tickets."),
            ["CountTickets"] = new("Count tickets by status",
                "How many tickets the caller may see are in each status (every status named, zero included) and how many open major incidents there are, optionally only those assigned to `assignee`: the agent's home page. Requesters count only their own tickets."),
            ["GetTicket"] = new("Get a ticket",
                "One ticket by id (GUID) or key (`HD-42`), with its comments and SLA clocks read now. Internal notes are shown to agents and PMO only. A ticket the caller may not see answers 404.",
                [404]),
            ["GetTicketHistory"] = new("Get a ticket's history",
                "Every recorded change of the ticket from the audit trail, oldest first: when, who, what action and which fields changed. Agents and admins.",
                [404]),
            ["AssignTicket"] = new("Assign a ticket",
                "Gives the ticket to an agent. A closed or resolved ticket cannot be assigned (409 `invalid-transition`); an assignee the people directory does not know (or who left) answers 422 `unknown-person`. Agents and admins.",
                [404, 422], """{"assignee":"agent.kim"}"""),
            ["TransitionTicket"] = new("Move a ticket through its workflow",
                "Applies an action: Start, Pend, Resume, Resolve, Close or Reopen, with an optional public comment. Requesters may only Close (confirm) or Reopen their own resolved ticket (403 otherwise); reopening is allowed for a configured number of days after resolution. An action the current status does not allow answers 409 (`invalid-transition`, `not-assigned`, `reopen-window-passed`, `with-project`).",
                [403, 404], """{"action":"Resolve","comment":"Replaced the power supply; the laptop starts again."}"""),
            ["ListTicketComments"] = new("List a ticket's comments",
                "The ticket's comments in order; internal notes only for agents and PMO.",
                [404]),
            ["AddTicketComment"] = new("Comment on a ticket",
                "Adds a comment by the caller. `internal: true` makes it an internal note, which only agents and PMO may write (403) and read. A closed ticket takes no comments (409 `ticket-closed`).",
                [403, 404], """{"body":"Could you tell us the model printed under the laptop?","internal":false}"""),
            ["RateTicket"] = new("Rate the resolution",
                "The requester rates a resolved or closed ticket once, 1 to 5, with an optional comment. Anyone else gets 403; a ticket not yet resolved or already rated answers 409 (`not-resolved`, `already-rated`).",
                [403, 404], """{"rating":5,"comment":"Quick and friendly, thank you."}"""),
            ["ChangeTicketPriority"] = new("Change a ticket's impact and urgency",
                "Re-assesses impact and urgency; the priority follows the priority matrix (a major incident stays P1) and a system comment records the change. The SLA clocks keep the policy chosen when the ticket was opened. A resolved or closed ticket answers 409 `invalid-transition`. Agents and admins.",
                [404], """{"impact":"High","urgency":"High"}"""),
            ["LinkTicketAsset"] = new("Link a ticket to an asset",
                "Names the asset (by tag, e.g. `AST-00031`) the ticket is about; an empty tag unlinks it. Agents and admins.",
                [404], """{"assetTag":"AST-00031"}"""),
            ["PromoteTicket"] = new("Promote a ticket to a project",
                "Hands the ticket to a project (by `projectKey` such as `PRJ-7`, or `projectId`): the ticket waits WithProject and the projects service opens a project issue from it, linked back asynchronously (202). An unknown project answers 422 `unknown-project`; a ticket already promoted, or closed, answers 409. Agents, PMO analysts and admins.",
                [404, 422], """{"projectKey":"PRJ-7","projectId":null}"""),
            ["DeclareMajorIncident"] = new("Declare a major incident",
                "Marks the ticket a major incident (above P1) with the reason; everyone who must know is notified. A resolved or closed ticket, or one already declared, answers 409. Agents and admins.",
                [404], """{"reason":"Building B has no network; about 200 people cannot work."}"""),
            ["StandDownMajorIncident"] = new("Stand down a major incident",
                "Ends the major incident on the ticket, with the reason. A ticket that is not a major incident answers 409 `not-major-incident`. Agents and admins.",
                [404], """{"reason":"Core switch replaced; service restored for everyone."}"""),
            ["GetPriorityMatrix"] = new("Get the priority matrix",
                "The priority (P1–P4) each impact × urgency pair gives, as configured for this help desk."),
            ["SearchTickets"] = new("Search tickets",
                "Full-text search (`q`) over title, description and comments (internal notes only for agents and PMO), with the list's filters, newest first, keyset paging. Requesters search their own tickets."),

            // Attachments
            ["UploadTicketAttachment"] = new("Attach a file to a ticket",
                "Multipart upload: field `file`, optional `commentId` to attach it to a comment, and `internal` (agents and PMO only, 403 otherwise). The size and type limits are configured; a file over the limit answers 413, a type not allowed or content not matching its type 415. A closed ticket takes no files (409 `ticket-closed`).",
                [403, 404, 413, 415]),
            ["ListTicketAttachments"] = new("List a ticket's attachments",
                "The ticket's files (name, type, size, hash). Internal files are listed for agents and PMO only.",
                [404]),
            ["GetTicketAttachment"] = new("Get an attachment's details",
                "One file's metadata. An internal file answers 404 to anyone but agents and PMO.",
                [404]),
            ["DownloadTicketAttachment"] = new("Download an attachment",
                "The file's bytes, always as a download (never rendered inline), with its hash as ETag.",
                [404]),
            ["DeleteTicketAttachment"] = new("Delete an attachment",
                "Removes a file from the ticket. Agents and admins.",
                [404]),

            // Queues and routing
            ["ListQueues"] = new("List queues", "Every queue with its members, their availability and open ticket counts."),
            ["CreateQueue"] = new("Create a queue",
                "A new queue with its assignment rule (Manual, RoundRobin or LeastLoaded) and optional team lead. A key already in use answers 409 `duplicate-key`; a team lead the people directory does not know, 422 `unknown-person`.",
                [422],
                Example: """{"key":"network","name":"Network team","rule":"LeastLoaded","teamLead":"agent.kim"}"""),
            ["GetQueue"] = new("Get a queue", "One queue by key, with its members.", [404]),
            ["UpdateQueue"] = new("Update a queue",
                "Changes a queue's name, assignment rule and team lead (422 `unknown-person` for a team lead the people directory does not know).", [404, 422],
                """{"key":"network","name":"Network and Wi-Fi","rule":"RoundRobin","teamLead":"agent.kim"}"""),
            ["PutQueueMember"] = new("Add an agent to a queue or set their availability",
                "Adds the agent to the queue, or sets whether they are available for new tickets (`available`, default true). An agent the people directory does not know (or who left) answers 422 `unknown-person`. People who leave, or stop being agents, leave their queues by themselves.",
                [404, 422], """{"available":true}"""),
            ["DeleteQueueMember"] = new("Remove an agent from a queue", "Takes the agent out of the queue.", [404]),
            ["RouteTicket"] = new("Route a ticket to a queue",
                "Moves the ticket to a queue; unless `autoAssign` is false, the queue's rule picks an available agent. Two routings at once take turns, so they do not both go to the same agent. An unknown queue answers 422 `unknown-queue`; a closed or resolved ticket 409.",
                [404, 422], """{"queue":"network","autoAssign":true}"""),
            ["GetTicketAssignments"] = new("Get a ticket's reassignment history",
                "Every change of the ticket's queue or assignee, from the audit trail.", [404]),

            // SLA
            ["ListCalendars"] = new("List business calendars", "Every business calendar with its working periods and holidays."),
            ["CreateCalendar"] = new("Create a business calendar",
                "A calendar of working periods per weekday (\"08:00\"–\"18:00\"; \"24:00\" ends a period at midnight), in a time zone, with holidays. A name already in use answers 409 `duplicate-name`.",
                Example: """{"name":"Tokyo office","timeZone":"Asia/Tokyo","workingPeriods":[{"day":"Monday","start":"09:00","end":"18:00"},{"day":"Tuesday","start":"09:00","end":"18:00"}],"holidays":["2027-01-01"]}"""),
            ["GetCalendar"] = new("Get a business calendar", "One calendar by id.", [404]),
            ["UpdateCalendar"] = new("Update a business calendar",
                "Replaces the calendar's name, time zone, working periods and holidays. A name used by another calendar answers 409 `duplicate-name`.",
                [404], """{"name":"Tokyo office","timeZone":"Asia/Tokyo","workingPeriods":[{"day":"Monday","start":"09:00","end":"17:30"}],"holidays":["2027-01-01","2027-01-02"]}"""),
            ["DeleteCalendar"] = new("Delete a business calendar",
                "Removes a calendar that no SLA policy or ticket uses (409 `calendar-in-use` otherwise).", [404]),
            ["CalendarDueTime"] = new("Compute a due time on a calendar",
                "When `minutes` business minutes after `start` (default now) fall due on this calendar. A calendar without working time answers 422 `no-working-time`.",
                [404, 422]),
            ["ListSlaPolicies"] = new("List SLA policies", "Every SLA policy, by priority and category."),
            ["CreateSlaPolicy"] = new("Create an SLA policy",
                "First-response and resolution targets (business minutes on a calendar) for a priority, optionally for one category, with a warning threshold and what happens on breach (escalate to a queue, raise the priority, notify). One policy per priority and category. A `notifyOnBreach` person the people directory does not know answers 422 `unknown-person`.",
                [422],
                Example: """{"name":"P1 network","priority":"P1","category":"network","calendarId":"3f0c2a9e-5d1b-4c7e-9a51-0b6d2e8f4a17","firstResponseMinutes":15,"resolutionMinutes":240,"warningPercent":80,"escalateToQueue":"network","raisePriorityOnBreach":false,"notifyOnBreach":"agent.kim"}"""),
            ["GetSlaPolicy"] = new("Get an SLA policy", "One SLA policy by id.", [404]),
            ["UpdateSlaPolicy"] = new("Update an SLA policy",
                "Replaces the policy's targets and breach actions (422 `unknown-person` for a `notifyOnBreach` person the people directory does not know).", [404, 422],
                """{"name":"P1 network","priority":"P1","category":"network","calendarId":"3f0c2a9e-5d1b-4c7e-9a51-0b6d2e8f4a17","firstResponseMinutes":10,"resolutionMinutes":180,"warningPercent":75,"escalateToQueue":"network","raisePriorityOnBreach":false,"notifyOnBreach":null}"""),
            ["DeleteSlaPolicy"] = new("Delete an SLA policy", "Removes the policy. Agents and admins.", [404]),

            // Knowledge base
            ["SearchArticles"] = new("Search the knowledge base",
                "Full-text search (`q`: words, \"phrases\", -not, or) and `tag` filter, best match first (newest first without `q`). Requesters find public articles only."),
            ["CreateArticle"] = new("Write an article",
                "A knowledge-base article with tags; `Public` articles are visible to requesters, `Internal` ones to agents and PMO only. Agents and admins.",
                Example: """{"title":"Reset your VPN token","body":"1. Open the VPN client.\n2. Choose Reset token...","tags":["vpn","remote-work"],"visibility":"Public"}"""),
            ["GetArticle"] = new("Get an article", "One article by id. An internal article answers 404 to requesters.", [404]),
            ["UpdateArticle"] = new("Update an article", "Replaces the article's title, body, tags and visibility. Agents and admins.", [404],
                """{"title":"Reset your VPN token","body":"Open the VPN client and choose Reset token.","tags":["vpn"],"visibility":"Public"}"""),
            ["DeleteArticle"] = new("Delete an article", "Removes the article. Agents and admins.", [404]),
            ["SuggestArticles"] = new("Suggest articles for a text",
                "Articles sharing the most words with a text, such as a new ticket's title and description, before it is raised."),
            ["ListTicketArticles"] = new("List articles linked to a ticket", "The articles agents linked to the ticket.", [404]),
            ["LinkTicketArticle"] = new("Link an article to a ticket",
                "Links a knowledge-base article to the ticket (for the requester and for reporting). An unknown article answers 422 `unknown-article`. Agents and admins.",
                [404, 422], """{"articleId":"3f0c2a9e-5d1b-4c7e-9a51-0b6d2e8f4a17"}"""),
            ["SuggestArticlesForTicket"] = new("Suggest articles for a ticket", "Articles sharing the most words with the ticket's title and description.", [404]),

            // Categories
            ["ListTicketCategories"] = new("List ticket categories", "Every category with its template and defaults."),
            ["CreateTicketCategory"] = new("Create a ticket category",
                "A category with its default impact, urgency and queue, and a template title and description that prefill new tickets. A key already in use answers 409 `duplicate-key`. Agents and admins.",
                Example: """{"key":"hardware","name":"Hardware fault","defaultImpact":"Medium","defaultUrgency":"Medium","defaultQueue":"desk","templateTitle":"Hardware fault","templateDescription":"Device, asset tag, what happens:"}"""),
            ["GetTicketCategory"] = new("Get a ticket category", "One category by key.", [404]),
            ["UpdateTicketCategory"] = new("Update a ticket category", "Replaces the category's name, defaults and template. Agents and admins.", [404],
                """{"key":"hardware","name":"Hardware fault","defaultImpact":"Medium","defaultUrgency":"High","defaultQueue":"desk","templateTitle":"Hardware fault","templateDescription":"Device, asset tag, what happens:"}"""),
            ["DeleteTicketCategory"] = new("Delete a ticket category", "Removes the category; existing tickets keep its key. Agents and admins.", [404]),

            // Hooks
            ["ReceiveHook"] = new("Receive an alert from a monitoring tool",
                "No bearer token: the credential is an HMAC-SHA256 signature over \"{timestamp}.{body}\" with the source's secret, sent as `X-Signature: sha256=<hex>` and `X-Signature-Timestamp: <unix seconds>` (401 when missing, wrong or outside the tolerance). A firing alert opens a ticket (201, `action: created`), deduplicated by source and `alertId`. A repeat that brings news (a description other than the last one commented, or the last comment older than the quiet period, 10 minutes) adds a comment (`commented`) and reopens a resolved ticket; a repeat without news is only counted on the alert (`counted`: no comment, no event), and the ticket shows the count as `alert.deliveries`; a closed ticket gives way to a new ticket; `resolved` resolves it (200). A replayed delivery (same signature) answers 409 `replayed-request`; a body over the limit 413.",
                [401, 409, 413], """{"alertId":"core-sw-b-17","status":"firing","title":"Core switch B packet loss","description":"Packet loss above 20% for 5 minutes.","severity":"critical","category":"network"}"""),
        },
    };
}
