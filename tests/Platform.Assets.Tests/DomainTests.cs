using Platform.Assets.Domain;
using Platform.Assets.Features.Assets;
using Platform.Assets.Features.Kitting;
using Platform.Assets.Features.Licences;
using Platform.ServiceDefaults;

namespace Platform.Assets.Tests;

public class AssetLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    private static Asset NewAsset(AssetStatus status = AssetStatus.InStock, DateOnly? warranty = null) =>
        Asset.Register(31, new AssetDetails(AssetKind.Laptop, "ThinkPad T14", "SN-1", "Lenovo", Today.AddYears(-1), 1200m, warranty, "HQ"),
            status, status == AssetStatus.Assigned ? "alice" : null, "dave", "test", Now);

    [Fact]
    public void Tags_are_zero_padded_and_parse_back()
    {
        NewAsset().Tag.ShouldBe("AST-00031");
        Asset.TryParseTag("ast-00031", out var n).ShouldBeTrue();
        n.ShouldBe(31);
        Asset.TryParseTag("AST-", out _).ShouldBeFalse();
        Asset.TryParseTag("LIC-3", out _).ShouldBeFalse();
    }

    [Fact]
    public void The_full_life_of_an_asset_is_recorded_step_by_step()
    {
        var asset = Asset.Register(1, new AssetDetails(AssetKind.Monitor, "P27", null, null, null, null, null, null), AssetStatus.Ordered, null, "dave", "test", Now);
        asset.Transition(AssetAction.Receive, "dave", null, Now);
        asset.Status.ShouldBe(AssetStatus.InStock);
        asset.Assign("alice", null, "PRJ-3", "dave", null, Now);
        asset.Status.ShouldBe(AssetStatus.Assigned);
        asset.AssignedTo.ShouldBe("alice");
        asset.ProjectKey.ShouldBe("PRJ-3");
        asset.Transition(AssetAction.SendToRepair, "dave", "cracked screen", Now);
        asset.Status.ShouldBe(AssetStatus.InRepair);
        asset.Transition(AssetAction.Repaired, "dave", null, Now);
        asset.Status.ShouldBe(AssetStatus.InStock);
        asset.AssignedTo.ShouldBeNull();
        asset.Transition(AssetAction.Retire, "dave", null, Now);
        asset.Transition(AssetAction.Dispose, "dave", null, Now);
        asset.Status.ShouldBe(AssetStatus.Disposed);
        asset.History.Select(h => h.Action).ShouldBe(["registered", "receive", "assigned", "sendtorepair", "repaired", "retire", "dispose"]);
        asset.History[2].AssignedTo.ShouldBe("alice");
        var events = asset.Events();
        events.OfType<AssetStatusChanged>().Count().ShouldBe(6);
        events.OfType<AssetAssigned>().Single().UserId.ShouldBe("alice");
    }

    [Theory]
    [InlineData(AssetStatus.Ordered, AssetAction.Repaired)]
    [InlineData(AssetStatus.InStock, AssetAction.Receive)]
    [InlineData(AssetStatus.InStock, AssetAction.Dispose)]
    [InlineData(AssetStatus.Assigned, AssetAction.Retire)]
    [InlineData(AssetStatus.Retired, AssetAction.Receive)]
    public void Moves_the_lifecycle_does_not_allow_are_conflicts(AssetStatus from, AssetAction action)
    {
        var asset = NewAsset(from);
        Should.Throw<DomainException>(() => asset.Transition(action, "dave", null, Now)).Code.ShouldBe("invalid-transition");
    }

    [Fact]
    public void Only_an_asset_in_stock_is_assigned_and_only_an_assigned_one_returned()
    {
        var assigned = NewAsset(AssetStatus.Assigned);
        Should.Throw<DomainException>(() => assigned.Assign("bob", null, null, "dave", null, Now)).Code.ShouldBe("not-in-stock");
        assigned.Return("dave", null, toRepair: true, Now);
        assigned.Status.ShouldBe(AssetStatus.InRepair);
        Should.Throw<DomainException>(() => assigned.Return("dave", null, false, Now)).Code.ShouldBe("not-assigned");
        Should.Throw<DomainException>(() => Asset.Register(2, NewAsset().Details with { Serial = null }, AssetStatus.Assigned, null, "dave", "test", Now))
            .Code.ShouldBe("assignee-required");
        Should.Throw<DomainException>(() => Asset.Register(2, NewAsset().Details, AssetStatus.Disposed, null, "dave", "test", Now))
            .Code.ShouldBe("invalid-status");
    }

    [Theory]
    [InlineData(false, AssetStatus.InStock)]
    [InlineData(true, AssetStatus.InRepair)]
    public void A_returned_asset_has_no_holder_and_its_history_keeps_who_held_it(bool toRepair, AssetStatus expected)
    {
        var asset = NewAsset();
        asset.Assign("alice", Guid.NewGuid(), "PRJ-3", "dave", null, Now);
        asset.Return("dave", null, toRepair, Now);
        asset.Status.ShouldBe(expected);
        asset.AssignedTo.ShouldBeNull();
        asset.ProjectKey.ShouldBeNull();
        asset.ProjectId.ShouldBeNull();
        asset.AssignedAt.ShouldBeNull();
        asset.History.Single(h => h.Action == "assigned").AssignedTo.ShouldBe("alice");
        asset.History.Last().AssignedTo.ShouldBe("alice");
        asset.History.Last().ProjectKey.ShouldBe("PRJ-3");
        asset.History.Last().Note.ShouldBeNull();
        asset.Events().OfType<AssetReturned>().Single().UserId.ShouldBe("alice");
    }

    [Fact]
    public void An_assigned_asset_sent_to_repair_has_no_holder_either()
    {
        var asset = NewAsset(AssetStatus.Assigned);
        asset.Transition(AssetAction.SendToRepair, "dave", "cracked screen", Now);
        asset.AssignedTo.ShouldBeNull();
        asset.History.First().AssignedTo.ShouldBe("alice");
    }

    [Fact]
    public void A_warranty_is_announced_once_per_end_date_and_a_new_date_rearms_it()
    {
        var asset = NewAsset(warranty: Today.AddDays(10));
        asset.Events();
        asset.NoticeWarrantyExpiring(Today, Now).ShouldBeTrue();
        asset.NoticeWarrantyExpiring(Today, Now).ShouldBeFalse();
        asset.Events().OfType<WarrantyExpiring>().Single().DaysLeft.ShouldBe(10);
        asset.Apply(asset.Details with { WarrantyEnd = Today.AddDays(20) }, Now);
        asset.NoticeWarrantyExpiring(Today, Now).ShouldBeTrue();
        asset.Transition(AssetAction.Retire, "dave", null, Now);
        asset.Apply(asset.Details with { WarrantyEnd = Today.AddDays(25) }, Now);
        asset.NoticeWarrantyExpiring(Today, Now).ShouldBeFalse();
    }

    [Fact]
    public void A_warranty_cannot_end_before_the_purchase()
    {
        var asset = NewAsset();
        Should.Throw<DomainException>(() => asset.Apply(asset.Details with { WarrantyEnd = Today.AddYears(-2) }, Now)).Code.ShouldBe("warranty-before-purchase");
    }
}

public class LicenceArithmeticTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    [Theory]
    [InlineData(5, 3, 2, 0, false, true)]
    [InlineData(5, 5, 0, 0, false, false)]
    [InlineData(5, 7, 0, 2, true, false)]
    [InlineData(0, 0, 0, 0, false, false)]
    [InlineData(0, 1, 0, 1, true, false)]
    public void Seats_free_and_overuse(int owned, int assigned, int free, int overuse, bool overused, bool hasFree)
    {
        var count = new SeatCount(owned, assigned);
        count.Free.ShouldBe(free);
        count.Overuse.ShouldBe(overuse);
        count.IsOverused.ShouldBe(overused);
        count.HasFreeSeat.ShouldBe(hasFree);
    }

    [Fact]
    public void Expiry_windows_count_whole_days()
    {
        SeatCount.DaysLeft(Today.AddDays(30), Today).ShouldBe(30);
        SeatCount.DaysLeft(null, Today).ShouldBeNull();
        SeatCount.ExpiresWithin(Today.AddDays(30), Today, 30).ShouldBeTrue();
        SeatCount.ExpiresWithin(Today.AddDays(31), Today, 30).ShouldBeFalse();
        SeatCount.ExpiresWithin(Today.AddDays(-1), Today, 30).ShouldBeTrue();
        SeatCount.ExpiresWithin(null, Today, 30).ShouldBeFalse();
    }

    [Fact]
    public void A_full_licence_refuses_a_seat_unless_overuse_is_allowed_and_overuse_is_announced_once_per_episode()
    {
        var licence = Licence.Create(4, "Visual Studio", "Microsoft", 2, Today.AddYears(1), null, Now);
        licence.Assign("alice", null, null, "dave", false, Now);
        licence.Assign(null, Guid.NewGuid(), "AST-00001", "dave", false, Now);
        licence.Count.ShouldBe(new SeatCount(2, 2));
        Should.Throw<DomainException>(() => licence.Assign("bob", null, null, "dave", false, Now)).Code.ShouldBe("no-free-seat");
        Should.Throw<DomainException>(() => licence.Assign("alice", null, null, "dave", true, Now)).Code.ShouldBe("already-assigned");
        licence.Events().OfType<LicenceOverused>().ShouldBeEmpty();

        var bob = licence.Assign("bob", null, null, "dave", true, Now);
        licence.Assign("erin", null, null, "dave", true, Now);
        var overuse = licence.Events().OfType<LicenceOverused>().ShouldHaveSingleItem();
        overuse.SeatsOwned.ShouldBe(2);
        overuse.SeatsAssigned.ShouldBe(3);
        licence.Count.Overuse.ShouldBe(2);

        // Back within the seats owned (a true-up), then over again: a new episode, announced again.
        licence.Update(null, null, 4, null, null, Now);
        licence.Events().OfType<LicenceOverused>().ShouldBeEmpty();
        licence.Update(null, null, 3, null, null, Now);
        licence.Events().OfType<LicenceOverused>().ShouldHaveSingleItem().SeatsAssigned.ShouldBe(4);
        licence.Release(bob.Id, "dave", Now);
        licence.Count.ShouldBe(new SeatCount(3, 3));
        licence.Assignments.Count.ShouldBe(4);
        Should.Throw<DomainException>(() => licence.Release(bob.Id, "dave", Now)).Code.ShouldBe("seat-not-assigned");
    }

    [Fact]
    public void An_expired_licence_gives_no_seat_and_its_expiry_is_announced_once_per_date()
    {
        var licence = Licence.Create(5, "Office", null, 10, Today.AddDays(-1), null, Now);
        Should.Throw<DomainException>(() => licence.Assign("alice", null, null, "dave", false, Now)).Code.ShouldBe("licence-expired");
        licence.NoticeExpiring(Today, Now).ShouldBeTrue();
        licence.NoticeExpiring(Today, Now).ShouldBeFalse();
        licence.Events().OfType<LicenceExpiring>().Single().DaysLeft.ShouldBe(-1);
        licence.Update(null, null, null, Today.AddYears(1), null, Now);
        licence.NoticeExpiring(Today, Now).ShouldBeTrue();
        Should.Throw<DomainException>(() => licence.Update(null, null, -1, null, null, Now)).Code.ShouldBe("negative-seats");
    }
}

public class KittingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static KitProfile Profile(string name, string? project, string? role) =>
        new() { Id = Guid.NewGuid(), Name = name, ProjectKey = project, Role = role, Items = [new(KitItemKind.Other, name)] };

    [Fact]
    public void The_most_specific_kit_profile_wins()
    {
        var profiles = new[] { Profile("default", null, null), Profile("devs", null, "developer"), Profile("prj", "PRJ-1", null),
            Profile("prj-devs", "PRJ-1", "developer"), Profile("other", "PRJ-2", "developer") };
        KitProfile.Choose(profiles, "PRJ-1", "developer")!.Name.ShouldBe("prj-devs");
        KitProfile.Choose(profiles, "PRJ-1", "tester")!.Name.ShouldBe("prj");
        KitProfile.Choose(profiles, "PRJ-3", "Developer")!.Name.ShouldBe("devs");
        KitProfile.Choose(profiles, "PRJ-3", "tester")!.Name.ShouldBe("default");
        KitProfile.Choose(profiles.Skip(1), "PRJ-3", "tester").ShouldBeNull();
    }

    [Fact]
    public void The_kit_profile_a_projects_template_names_comes_after_the_projects_own_and_before_the_roles()
    {
        var profiles = new[] { Profile("default", null, null), Profile("devs", null, "developer"), Profile("prj", "PRJ-1", null),
            Profile("standard", null, null) };
        KitProfile.Choose(profiles, "PRJ-3", "developer", named: "standard")!.Name.ShouldBe("standard");
        KitProfile.Choose(profiles, "PRJ-3", "tester", named: "standard")!.Name.ShouldBe("standard");
        KitProfile.Choose(profiles, "PRJ-1", "developer", named: "standard")!.Name.ShouldBe("prj");
        KitProfile.Choose(profiles, "PRJ-3", "developer", named: "no such profile")!.Name.ShouldBe("devs");
    }

    [Fact]
    public void A_department_profile_is_only_for_joiners_of_that_department()
    {
        var sales = Profile("sales kit", null, null);
        sales.Department = "Sales";
        var profiles = new[] { sales, Profile("default", null, null) };
        KitProfile.ForDepartment(profiles, " sales ")!.Name.ShouldBe("sales kit");
        KitProfile.ForDepartment(profiles, "IT").ShouldBeNull();
        KitProfile.Choose(profiles, "PRJ-1", "developer")!.Name.ShouldBe("default"); // never for a project membership
        KitProfile.Choose([sales], "PRJ-1", "developer").ShouldBeNull();
    }

    [Fact]
    public void A_leavers_return_lists_hardware_to_collect_and_seats_reclaimed_and_an_open_one_takes_only_what_it_lacks()
    {
        var laptop = Asset.Register(7, new AssetDetails(AssetKind.Laptop, "X1", null, null, null, null, null, null), AssetStatus.Assigned, "erin", "dave", "t", Now);
        var monitor = Asset.Register(8, new AssetDetails(AssetKind.Monitor, "P27", null, null, null, null, null, null), AssetStatus.Assigned, "erin", "dave", "t", Now);
        var licence = Licence.Create(3, "Figma", null, 5, null, null, Now);

        var leaver = KittingRequest.OpenForLeaver(20, "erin", [laptop], [licence], "system", Now, Now);
        leaver.IsPersonLevel.ShouldBeTrue();
        leaver.Items.Select(i => (i.AssetTag, i.LicenceKey, i.DoneAt is not null)).ShouldBe([("AST-00007", null, false), (null, "LIC-3", true)]);
        leaver.Outstanding.ShouldBe(["AST-00007"]);
        var announced = leaver.Events().OfType<ReturnRequested>().ShouldHaveSingleItem();
        (announced.ProjectId, announced.ProjectKey).ShouldBe((Guid.Empty, ""));
        announced.AssetTags.ShouldBe(["AST-00007"]);
        announced.LicenceKeys.ShouldBe(["LIC-3"]);

        // A project's return asked for the laptop and the seat; the person then left: the seat is settled, the monitor added.
        var project = KittingRequest.OpenReturn(21, Guid.NewGuid(), "PRJ-1", "erin", [laptop], [licence], Now, Now);
        project.Events();
        project.SettleSeat("LIC-3", "system", Now).ShouldHaveSingleItem().Note.ShouldBe(KittingRequest.SeatReclaimedNote);
        project.AddForLeaver([monitor], [], "system", Now).ShouldHaveSingleItem().AssetTag.ShouldBe("AST-00008");
        project.Outstanding.ShouldBe(["AST-00007", "AST-00008"]);
        project.Events().ShouldBeEmpty();
        project.Cancel("dave", null, Now);
        project.SettleSeat("LIC-3", "system", Now).ShouldBeEmpty();
        Should.Throw<DomainException>(() => project.AddForLeaver([monitor], [], "system", Now)).Code.ShouldBe("request-closed");
    }

    [Fact]
    public void A_request_completes_only_when_every_item_is_done_and_only_once()
    {
        var request = KittingRequest.OpenOnboarding(12, Guid.NewGuid(), "PRJ-1", "erin", "developer", "built-in", KitProfile.BuiltIn, Now, Now);
        request.Key.ShouldBe("KIT-12");
        request.Events().OfType<KittingRequested>().Single().Checklist.Count.ShouldBe(3);
        Should.Throw<DomainException>(() => request.Complete("dave", null, Now)).Code.ShouldBe("checklist-incomplete");
        request.CompleteItem(request.Items[0].Id, "dave", null, "AST-00001", null, Now);
        Should.Throw<DomainException>(() => request.CompleteItem(request.Items[0].Id, "dave", null, null, null, Now)).Code.ShouldBe("item-done");
        request.CompleteItem(request.Items[1].Id, "dave", null, null, "LIC-1", Now);
        request.CompleteItem(request.Items[2].Id, "dave", null, null, null, Now);
        request.Complete("dave", "handed over", Now);
        var done = request.Events().OfType<KittingCompleted>().ShouldHaveSingleItem();
        done.AssetTags.ShouldBe(["AST-00001"]);
        done.LicenceKeys.ShouldBe(["LIC-1"]);
        Should.Throw<DomainException>(() => request.Complete("dave", null, Now)).Code.ShouldBe("request-closed");
    }
}

public class CsvImportTests
{
    [Fact]
    public void Every_bad_row_is_reported_with_its_line_number()
    {
        var csv = """
            kind,model,serial,purchaseDate,cost,warrantyEnd,status,assignedTo
            Laptop,ThinkPad T14,SN-1,2026-01-10,1200.50,2029-01-10,InStock,
            Toaster,,SN-2,2026-13-01,-3,,,
            Phone,"Pixel 9, 256 GB",SN-1,,,,Assigned,
            Monitor,P27,SN-4,2026-01-10,abc,2025-01-01,Disposed,bob
            Desktop,OptiPlex
            """;
        var (rows, errors) = CsvImport.Parse(csv, 100);
        rows.Select(r => r.Row).ShouldBe([2]);
        errors.Where(e => e.Row == 3).Select(e => e.Column).ShouldBe(["kind", "model", "purchaseDate", "cost"], ignoreOrder: true);
        errors.Where(e => e.Row == 4).Select(e => e.Column).ShouldBe(["serial", "assignedTo"], ignoreOrder: true);
        errors.Where(e => e.Row == 5).Select(e => e.Column).ShouldBe(["cost", "warrantyEnd", "status", "assignedTo"], ignoreOrder: true);
        errors.Single(e => e.Row == 6).Message.ShouldContain("Expected 8 fields");
    }

    [Fact]
    public void Quoted_fields_and_a_bad_header_are_handled()
    {
        var (rows, errors) = CsvImport.Parse("Kind,Model,Location\r\nphone,\"Pixel \"\"9\"\"\",\"Floor 2, desk 4\"\r\n", 100);
        errors.ShouldBeEmpty();
        rows.Single().Details.ShouldBe(new AssetDetails(AssetKind.Phone, "Pixel \"9\"", null, null, null, null, null, "Floor 2, desk 4"));
        var (_, headerErrors) = CsvImport.Parse("kind,colour\nLaptop,red\n", 100);
        headerErrors.Select(e => (e.Row, e.Column)).ShouldBe([(1, "colour"), (1, "model")], ignoreOrder: true);
        CsvImport.Parse("", 100).Errors.Single().Row.ShouldBe(1);
        CsvImport.Parse("kind,model\nLaptop,A\nLaptop,B\n", 1).Errors.Single().Message.ShouldContain("At most 1 rows");
    }

    [Fact]
    public void An_unclosed_quote_names_the_line_of_its_record_and_a_stray_quote_is_text()
    {
        var unclosed = CsvImport.Parse("kind,model\nLaptop,A\n\nLaptop,\"B\nLaptop,C\n", 100).Errors.ShouldHaveSingleItem();
        unclosed.ShouldBe(new ImportError(4, null, "A quoted field is not closed."));
        var (rows, errors) = CsvImport.Parse("\uFEFFkind,model\nLaptop,Thin\"Pad\n\n  \nPhone,\"Pix\r\nel\"\n", 100);
        rows.Select(r => (r.Row, r.Details.Model)).ShouldBe([(2, "Thin\"Pad")]);
        errors.Select(e => (e.Row, e.Column)).ShouldBe([(5, "model")]);
        errors[0].Message.ShouldContain("U+000D");
    }

    [Fact]
    public void Control_characters_are_row_errors_and_bytes_that_are_not_utf8_name_their_line()
    {
        var (rows, errors) = CsvImport.Parse("kind,model,vendor\nLaptop,A\u0000,\"Len\novo\"\nLaptop,B\t,\u001b\nLaptop,C,Dell\n", 100);
        rows.Select(r => r.Row).ShouldBe([5]);
        errors.Select(e => (e.Row, e.Column)).ShouldBe([(2, "model"), (2, "vendor"), (4, "vendor")]);
        errors[0].Message.ShouldContain("U+0000");

        CsvImport.Decode([.. "\uFEFFkind,model\nLaptop,Ä\n"u8]).Text.ShouldBe("\uFEFFkind,model\nLaptop,Ä\n");
        CsvImport.Decode([.. "kind,model\nLaptop,A\n"u8, 0xC3]).ShouldBe((null, 3)); // truncated sequence at the end
        CsvImport.Decode([.. "kind,model\nLaptop,"u8, 0x00, 0xFF, 0xFE]).ShouldBe((null, 2));
    }
}
