namespace Platform.Assets.Endpoints;

/// <summary>
/// The words of the assets OpenAPI document (summaries, descriptions, error answers, examples), keyed by endpoint
/// name. A new endpoint needs an entry here: the OpenAPI lint test fails on an operation without a summary.
/// </summary>
internal static class AssetsApiDocs
{
    private const string Pso = "PSO staff and admins.";

    /// <summary>The CSV import's body: header line first, columns in any order and case.</summary>
    private const string CsvExample = """
        kind,model,serial,vendor,purchaseDate,cost,warrantyEnd,location,status,assignedTo
        Laptop,ThinkPad T14 Gen 5,PF4XK2L9,Lenovo,2027-01-15,1450.00,2030-01-14,Tokyo HQ 12F,InStock,
        Monitor,Dell P2723DE,CN0V7H2K,Dell,2027-01-15,389.90,2030-01-14,Tokyo HQ 12F,Assigned,dev.tanaka

        """;

    public static readonly ApiDocs Docs = new()
    {
        Title = "Platform assets API",
        Description = """
            The PSO's hardware and software inventory: assets (tags `AST-nnnnn`) through their lifecycle, software
            licences and seats, kitting (onboarding and return checklists opened by project membership), kit profiles,
            and procurement from request for quotes to receipt.

            Anyone with the `assets` scope reads what they may see (staff everything, others the assets and licences they
            hold and their own kitting requests); PSO staff and admins write. Every call needs a bearer token with the
            `assets` scope. Errors are RFC 9457 ProblemDetails.
            """,
        Tags =
        {
            ["Assets"] = "Hardware assets: register (one by one or by CSV import), change, move through the lifecycle, assign and return, with history and the tickets that name them.",
            ["Licences"] = "Software licences with their seats, given to people or assets; expiry and overuse in view.",
            ["Kitting"] = "Onboarding and return checklists, opened when someone joins or leaves a project or the organisation (or by hand); completing an item hands over or takes back an asset or a licence seat.",
            ["Kit profiles"] = "What a new project member gets (hardware, accounts, software), by project and role, or a person joining a department: the template of an onboarding checklist.",
            ["Offboarding"] = "People who left the organisation with what they still hold here: assets to collect, seats not yet reclaimed, open return requests.",
            ["Procurement"] = "Requests for quotes → approval → order → receipt; received units become assets in stock.",
        },
        Operations =
        {
            // Assets
            ["CreateAsset"] = new("Register an asset",
                "Registers one asset (tag `AST-nnnnn`), InStock by default or Assigned to `assignedTo` (a person the directory does not know answers 422 `unknown-person`). A serial already registered answers 409 `duplicate-serial`. " + Pso,
                [422], Example: """{"kind":"Laptop","model":"ThinkPad T14 Gen 5","serial":"PF4XK2L9","vendor":"Lenovo","purchaseDate":"2027-01-15","cost":1450.00,"warrantyEnd":"2030-01-14","location":"Tokyo HQ 12F","status":"InStock","assignedTo":null}"""),
            ["ImportAssets"] = new("Import assets from CSV",
                """
                Bulk registration from a `text/csv` body (UTF-8, RFC 4180: commas, double-quoted fields, `""` for a quote). The first line names the columns, in any order and case:

                | column | |
                |---|---|
                | `kind` | required: Laptop, Desktop, Phone, Tablet, Monitor, NetworkGear, Server, Peripheral or Other |
                | `model` | required |
                | `serial` | optional; must not be registered already |
                | `vendor` | optional |
                | `purchaseDate` | optional, ISO date (2027-01-15) |
                | `cost` | optional, `.` decimals, not negative |
                | `warrantyEnd` | optional, ISO date, not before `purchaseDate` |
                | `location` | optional |
                | `status` | optional, InStock by default |
                | `assignedTo` | required when `status` is Assigned; a person the directory knows |

                All or nothing: every problem of every row is answered at once as 422 `import-invalid` with `errors` (row = line number in the file, column, message), and nothing is written unless every row is good. A body that is not UTF-8 is refused whole (400 `invalid-encoding`, with the line of the first bad bytes). The number of rows is limited by configuration (Assets:MaxImportRows). PSO staff and admins.
                """,
                [422], CsvExample),
            ["ListAssets"] = new("List assets",
                "Assets filtered by status, kind, holder, project, location, model or warranty end, with keyset paging. Staff see every asset, others the assets they hold."),
            ["GetAsset"] = new("Get an asset", "One asset by tag (`AST-00031`) or id. An asset the caller may not see answers 404.", [404]),
            ["UpdateAsset"] = new("Update an asset's details",
                "Changes kind, model, serial, vendor, dates, cost or location; absent fields stay. A serial already registered answers 409 `duplicate-serial`. " + Pso,
                [404], """{"kind":null,"model":null,"serial":null,"vendor":null,"purchaseDate":null,"cost":null,"warrantyEnd":"2031-01-14","location":"Osaka office 3F"}"""),
            ["TransitionAsset"] = new("Move an asset through its lifecycle",
                "Receive, SendToRepair, Repaired, Retire or Dispose, with a note. An action the status does not allow answers 409. " + Pso,
                [404], """{"action":"SendToRepair","note":"Keyboard fault, ticket HD-1042."}"""),
            ["AssignAsset"] = new("Assign an asset",
                "Hands an asset in stock to a person, optionally for a project (`projectKey` or `projectId`). A person the directory does not know answers 422 `unknown-person`; an asset not in stock, 409 `not-in-stock`. " + Pso,
                [404, 422], """{"userId":"dev.tanaka","projectKey":"PRJ-7","projectId":null,"note":"Onboarding"}"""),
            ["ReturnAsset"] = new("Take an asset back",
                "Returns an assigned asset to stock, or to repair with `toRepair`. An asset that is not assigned answers 409 `not-assigned`. The body may be left out. " + Pso,
                [404], """{"note":"Returned at the desk","toRepair":false}"""),
            ["GetAssetHistory"] = new("Get an asset's history", "Every lifecycle event of the asset, oldest first: who, when, what.", [404]),
            ["GetAssetIncidents"] = new("List an asset's tickets", "The help desk tickets that name the asset, newest first, as the ticketing service announced them.", [404]),
            ["GetAssetSummary"] = new("Get an asset summary", "What the asset is, where it stands, whether it is under warranty and how many of its tickets are open.", [404]),

            // Licences
            ["CreateLicence"] = new("Register a licence", "A software licence with its number of seats, expiry and cost. " + Pso,
                Example: """{"product":"Visio Plan 2","vendor":"Microsoft","seats":25,"expiresOn":"2027-12-31","cost":3750.00}"""),
            ["ListLicences"] = new("List licences",
                "Licences filtered by product, expiry window, overuse or holder, with keyset paging. Staff see all, others the licences they hold a seat of."),
            ["GetLicence"] = new("Get a licence", "One licence with its active seats.", [404]),
            ["UpdateLicence"] = new("Update a licence", "Changes product, vendor, seats, expiry or cost; absent fields stay. " + Pso, [404],
                """{"product":null,"vendor":null,"seats":30,"expiresOn":"2028-12-31","cost":null}"""),
            ["AssignLicenceSeat"] = new("Give a licence seat",
                "Gives a seat to a person (`userId`) or an asset (`assetTag`; an unknown one answers 404). No free seat answers 409 `no-free-seat` unless `allowOveruse`; an expired licence or a holder who already has a seat also answer 409; a person the directory does not know answers 422 `unknown-person`. " + Pso,
                [404, 422], """{"userId":"dev.tanaka","assetTag":null,"allowOveruse":false}"""),
            ["ReleaseLicenceSeat"] = new("Release a licence seat", "Frees an active seat. " + Pso, [404]),

            // Kitting
            ["ListKittingRequests"] = new("List kitting requests",
                "Onboarding and return requests filtered by status, kind, person or project, with keyset paging. Staff see all, others their own."),
            ["GetKittingRequest"] = new("Get a kitting request", "One request with its checklist.", [404]),
            ["OpenKittingRequest"] = new("Open a kitting or return request by hand",
                "For a known, active person (`userId`; unknown answers 422 `unknown-person`), for no project. `Onboarding` (the default): the kit of the profile named by `profileId` (an unknown one answers 404), or else of the person's department (none answers 422 `no-kit-profile`). `Return`: everything the person holds (assets and seats); while a return request of theirs is open, 409 `request-open`. " + Pso,
                [404, 422], """{"kind":"Onboarding","userId":"dev.tanaka","profileId":null}"""),
            ["AddKittingItem"] = new("Add a checklist item", "Adds an item (hardware, account, software, other) to an open request. " + Pso, [404],
                """{"kind":"Software","description":"Visio Plan 2"}"""),
            ["CompleteKittingItem"] = new("Tick a checklist item",
                "Completes an item, optionally with the asset handed over (or taken back, on a return) by tag, and a licence whose seat is given (or released), in the same transaction. A closed request answers 409 `request-closed`; on a return, an asset or seat the person does not hold answers 409 `not-held`. " + Pso,
                [404], """{"note":"Handed over at the desk","assetTag":"AST-00031","licence":null,"allowOveruse":false}"""),
            ["CompleteKittingRequest"] = new("Complete a kitting request", "Closes the request as completed, with an optional note. The body may be left out. " + Pso, [404],
                """{"note":"All items delivered."}"""),
            ["CancelKittingRequest"] = new("Cancel a kitting request", "Closes the request as cancelled, with an optional note. The body may be left out. " + Pso, [404],
                """{"note":"The person did not join after all."}"""),

            // Kit profiles
            ["ListKitProfiles"] = new("List kit profiles", "Every kit profile with its items."),
            ["GetKitProfile"] = new("Get a kit profile", "One kit profile by id.", [404]),
            ["CreateKitProfile"] = new("Create a kit profile",
                "What a member of a project (or any project) in a role gets on joining, or, with `department` (and no project or role), what a person joining that department gets: identity's PersonJoined opens a kitting request from it. A name already in use answers 409 `duplicate-name`. " + Pso,
                Example: """{"name":"Network engineer","projectKey":"PRJ-7","role":"Network engineer","items":[{"kind":"Hardware","description":"Laptop","assetKind":"Laptop","model":"ThinkPad T14 Gen 5","product":null},{"kind":"Software","description":"Visio","assetKind":null,"model":null,"product":"Visio Plan 2"}]}"""),
            ["UpdateKitProfile"] = new("Update a kit profile", "Replaces the profile. A name used by another profile answers 409 `duplicate-name`. " + Pso, [404],
                """{"name":"Network engineer","projectKey":null,"role":"Network engineer","items":[{"kind":"Hardware","description":"Laptop","assetKind":"Laptop","model":"ThinkPad T14 Gen 5","product":null}]}"""),
            ["DeleteKitProfile"] = new("Delete a kit profile", "Removes the profile. " + Pso, [404]),

            // Offboarding
            ["ListOffboarding"] = new("List leavers with something to give back",
                "People who left (identity's PersonLeft), the longest gone first, with the assets they still hold, any seats not reclaimed and their open return requests. Settled leavers only with `includeSettled=true`. Paged by `limit` and `cursor`. " + Pso),
            ["GetOffboarding"] = new("Get a leaver's offboarding", "What one person who left still holds here and their open return requests; someone who has not left answers 404. " + Pso, [404]),

            // Procurement
            ["CreateProcurementRequest"] = new("Request quotes",
                "A procurement request: what to buy (kind, model, quantity), which vendors to ask, optionally the project it is bought for (`project`, a key such as `PRJ-7`: approved, it is that project's commitment; received, its hardware cost) and the currency of its prices (`currency`, ISO 4217, default JPY). " + Pso,
                Example: """{"title":"Laptops for the network team","vendors":["Lenovo","Dell"],"items":[{"kind":"Laptop","model":"ThinkPad T14 Gen 5","quantity":4}],"project":"PRJ-7","currency":"JPY"}"""),
            ["ListProcurementRequests"] = new("List procurement requests",
                "Requests filtered by status, with keyset paging. Help desk, PMO and PSO staff and admins (403 for anyone else).", [403]),
            ["GetProcurementRequest"] = new("Get a procurement request", "One request with its items, quotes and receipts. Staff only (403 for anyone else).", [403, 404]),
            ["AddProcurementQuote"] = new("Add a vendor quote",
                "A vendor's unit price for one item (by position, 1-based, or id; an unknown item answers 404), valid until a date. " + Pso,
                [404], """{"vendor":"Lenovo","item":"1","unitPrice":1390.00,"validUntil":"2027-02-28"}"""),
            ["ApproveProcurementRequest"] = new("Approve a procurement request",
                "Approves the request with a vendor that quoted. The author of a request cannot approve it (409 `self-approval`; admins excepted), and a request no longer being quoted answers 409. " + Pso,
                [404], """{"vendor":"Lenovo"}"""),
            ["RejectProcurementRequest"] = new("Reject a procurement request", "Rejects the request, with an optional note. The body may be left out. " + Pso, [404],
                """{"note":"Budget moved to next quarter."}"""),
            ["OrderProcurementRequest"] = new("Record the order", "Marks an approved request ordered, with the vendor's order reference. The body may be left out. " + Pso, [404],
                """{"orderReference":"PO-2027-0142"}"""),
            ["ReceiveProcurementItems"] = new("Receive ordered units",
                "Records units of one item that arrived: one serial per unit (each becomes an asset in stock; a serial already registered answers 409 `duplicate-serial`), or a bare quantity when serials are unknown. " + Pso,
                [404], """{"item":"1","serials":["PF4XK2L9","PF4XK2M1"],"quantity":null,"location":"Tokyo HQ stockroom","warrantyEnd":"2030-02-28"}"""),
        },
    };
}
