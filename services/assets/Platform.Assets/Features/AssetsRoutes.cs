namespace Platform.Assets.Features;

/// <summary>
/// Every route of the assets API in one table: method, path, handler, endpoint name (the key of its words in
/// Endpoints/AssetsApiDocs.cs; the OpenAPI lint fails on a name without words) and, for writes, the PSO policy. The
/// handlers, their requests and their validation live with their capability under Features/&lt;Capability&gt;/.
/// Everything needs the assets scope; writes (and the offboarding list) need PSO staff or an admin.
/// </summary>
public static class AssetsRoutes
{
    public static void MapAssetsApi(this IEndpointRouteBuilder app)
    {
        // Assets: Features/Assets/AssetEndpoints.cs
        var assets = app.MapGroup("/api/assets").WithTags("Assets").RequireAuthorization(Policies.Assets);
        assets.MapPost("/", AssetEndpoints.Create).WithName("CreateAsset").RequireAuthorization(Policies.AssetsManage);
        assets.MapPost("/import", AssetEndpoints.Import).WithName("ImportAssets").RequireAuthorization(Policies.AssetsManage)
            .Accepts<string>("text/csv");
        assets.MapGet("/", AssetEndpoints.List).WithName("ListAssets");
        assets.MapGet("/{tag}", AssetEndpoints.Get).WithName("GetAsset");
        assets.MapPatch("/{tag}", AssetEndpoints.Update).WithName("UpdateAsset").RequireAuthorization(Policies.AssetsManage);
        assets.MapPost("/{tag}/transitions", AssetEndpoints.Transition).WithName("TransitionAsset").RequireAuthorization(Policies.AssetsManage);
        assets.MapPost("/{tag}/assign", AssetEndpoints.Assign).WithName("AssignAsset").RequireAuthorization(Policies.AssetsManage);
        assets.MapPost("/{tag}/return", AssetEndpoints.Return).WithName("ReturnAsset").RequireAuthorization(Policies.AssetsManage);
        assets.MapGet("/{tag}/history", AssetEndpoints.History).WithName("GetAssetHistory");
        assets.MapGet("/{tag}/incidents", AssetEndpoints.Incidents).WithName("GetAssetIncidents");
        assets.MapGet("/{tag}/summary", AssetEndpoints.Summary).WithName("GetAssetSummary");

        // Licences: Features/Licences/LicenceEndpoints.cs
        var licences = app.MapGroup("/api/licences").WithTags("Licences").RequireAuthorization(Policies.Assets);
        licences.MapPost("/", LicenceEndpoints.Create).WithName("CreateLicence").RequireAuthorization(Policies.AssetsManage);
        licences.MapGet("/", LicenceEndpoints.List).WithName("ListLicences");
        licences.MapGet("/{licence}", LicenceEndpoints.Get).WithName("GetLicence");
        licences.MapPatch("/{licence}", LicenceEndpoints.Update).WithName("UpdateLicence").RequireAuthorization(Policies.AssetsManage);
        licences.MapPost("/{licence}/seats", LicenceEndpoints.AssignSeat).WithName("AssignLicenceSeat").RequireAuthorization(Policies.AssetsManage);
        licences.MapDelete("/{licence}/seats/{seatId:guid}", LicenceEndpoints.ReleaseSeat).WithName("ReleaseLicenceSeat").RequireAuthorization(Policies.AssetsManage);

        // Kitting and kit profiles: Features/Kitting/KittingEndpoints.cs
        var kitting = app.MapGroup("/api/kitting").WithTags("Kitting").RequireAuthorization(Policies.Assets);
        kitting.MapGet("/", KittingEndpoints.List).WithName("ListKittingRequests");
        kitting.MapGet("/{request}", KittingEndpoints.Get).WithName("GetKittingRequest");
        kitting.MapPost("/", KittingEndpoints.Open).WithName("OpenKittingRequest").RequireAuthorization(Policies.AssetsManage);
        kitting.MapPost("/{request}/items", KittingEndpoints.AddItem).WithName("AddKittingItem").RequireAuthorization(Policies.AssetsManage);
        kitting.MapPost("/{request}/items/{item}/complete", KittingEndpoints.CompleteItem).WithName("CompleteKittingItem").RequireAuthorization(Policies.AssetsManage);
        kitting.MapPost("/{request}/complete", KittingEndpoints.Complete).WithName("CompleteKittingRequest").RequireAuthorization(Policies.AssetsManage);
        kitting.MapPost("/{request}/cancel", KittingEndpoints.Cancel).WithName("CancelKittingRequest").RequireAuthorization(Policies.AssetsManage);

        var profiles = app.MapGroup("/api/kit-profiles").WithTags("Kit profiles").RequireAuthorization(Policies.Assets);
        profiles.MapGet("/", KittingEndpoints.ListProfiles).WithName("ListKitProfiles");
        profiles.MapGet("/{id:guid}", KittingEndpoints.GetProfile).WithName("GetKitProfile");
        profiles.MapPost("/", KittingEndpoints.CreateProfile).WithName("CreateKitProfile").RequireAuthorization(Policies.AssetsManage);
        profiles.MapPut("/{id:guid}", KittingEndpoints.UpdateProfile).WithName("UpdateKitProfile").RequireAuthorization(Policies.AssetsManage);
        profiles.MapDelete("/{id:guid}", KittingEndpoints.DeleteProfile).WithName("DeleteKitProfile").RequireAuthorization(Policies.AssetsManage);

        // Procurement: Features/Procurement/ProcurementEndpoints.cs
        var procurement = app.MapGroup("/api/procurement").WithTags("Procurement").RequireAuthorization(Policies.Assets);
        procurement.MapPost("/", ProcurementEndpoints.Create).WithName("CreateProcurementRequest").RequireAuthorization(Policies.AssetsManage);
        procurement.MapGet("/", ProcurementEndpoints.List).WithName("ListProcurementRequests");
        procurement.MapGet("/{request}", ProcurementEndpoints.Get).WithName("GetProcurementRequest");
        procurement.MapPost("/{request}/quotes", ProcurementEndpoints.AddQuote).WithName("AddProcurementQuote").RequireAuthorization(Policies.AssetsManage);
        procurement.MapPost("/{request}/approve", ProcurementEndpoints.Approve).WithName("ApproveProcurementRequest").RequireAuthorization(Policies.AssetsManage);
        procurement.MapPost("/{request}/reject", ProcurementEndpoints.Reject).WithName("RejectProcurementRequest").RequireAuthorization(Policies.AssetsManage);
        procurement.MapPost("/{request}/order", ProcurementEndpoints.Order).WithName("OrderProcurementRequest").RequireAuthorization(Policies.AssetsManage);
        procurement.MapPost("/{request}/receive", ProcurementEndpoints.Receive).WithName("ReceiveProcurementItems").RequireAuthorization(Policies.AssetsManage);

        // Offboarding: Features/Offboarding/OffboardingEndpoints.cs
        var offboarding = app.MapGroup("/api/offboarding").WithTags("Offboarding").RequireAuthorization(Policies.AssetsManage);
        offboarding.MapGet("/", OffboardingEndpoints.List).WithName("ListOffboarding");
        offboarding.MapGet("/{userId}", OffboardingEndpoints.Get).WithName("GetOffboarding");
    }
}
