using Microsoft.AspNetCore.Components.Forms;
using Platform.Portal.Api;
using Platform.Portal.Components.Desk;

namespace Platform.Portal.Tests;

public sealed class AttachmentLimitsTests
{
    [Fact]
    public void Too_large_and_refused_types_are_problems_as_ticketing_would_answer()
    {
        var limits = new AttachmentLimits { MaxBytes = 1000 };
        limits.Check("a.png", "image/png", 1000).ShouldBeNull();
        limits.Check("a.PNG", "IMAGE/PNG; charset=binary", 10).ShouldBeNull();
        var large = limits.Check("big.pdf", "application/pdf", 1001).ShouldNotBeNull();
        (large.Status, large.Title).ShouldBe((413, "File too large"));
        large.Detail.ShouldNotBeNull().ShouldContain("big.pdf");
        var exe = limits.Check("tool.exe", "application/x-msdownload", 10).ShouldNotBeNull();
        exe.Status.ShouldBe(415);
        exe.Detail.ShouldNotBeNull().ShouldContain("application/x-msdownload");
        limits.Check("noext", "", 10).ShouldNotBeNull().Status.ShouldBe(415);
        limits.Check("x.svg", "image/svg+xml", 10).ShouldNotBeNull().Status.ShouldBe(415);
    }

    [Theory]
    [InlineData(512, "512 B")]
    [InlineData(2048, "2 KB")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(10 * 1024 * 1024, "10 MB")]
    public void Sizes_read_as_people_say_them(long bytes, string expected) => AttachmentLimits.Size(bytes).ShouldBe(expected);

    [Fact]
    public void Only_raster_images_are_previewed()
    {
        Attachment Of(string type) => new(Guid.NewGuid(), "f", type, 1, "", null, false, "alice", DateTimeOffset.UnixEpoch, "");
        Of("image/png").IsImage.ShouldBeTrue();
        Of("image/webp").IsImage.ShouldBeTrue();
        Of("image/svg+xml").IsImage.ShouldBeFalse();
        Of("application/pdf").IsImage.ShouldBeFalse();
    }
}

public sealed class AttachmentPickerTests : PortalContext
{
    [Fact]
    public void Files_over_the_limit_or_of_a_refused_type_are_explained_and_not_kept()
    {
        Limits.MaxBytes = 100;
        var cut = Render<AttachmentPicker>(p => p.Add(c => c.TestId, "files"));
        cut.Find("label").GetAttribute("for").ShouldBe(cut.Find("input[type=file]").Id);
        cut.Markup.ShouldContain("up to 100 B each");

        cut.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromBinary(new byte[101], "big.png", contentType: "image/png"),
            InputFileContent.CreateFromBinary(new byte[10], "tool.exe", contentType: "application/x-msdownload"),
            InputFileContent.CreateFromBinary(new byte[10], "ok.png", contentType: "image/png"));

        var problems = cut.FindAll("[data-testid=attachment-problem]");
        problems.Count.ShouldBe(2);
        problems[0].TextContent.ShouldContain("The file is too large.");
        problems[0].TextContent.ShouldContain("big.png");
        problems[1].TextContent.ShouldContain("This type of file is not accepted.");
        problems[1].TextContent.ShouldContain("tool.exe");
        problems.ShouldAllBe(p => p.GetAttribute("role") == "alert");
        cut.FindAll("[data-testid=picked-file]").Select(f => f.TextContent.Trim()).ShouldBe(["ok.png (10 B)"]);
        cut.Instance.Files.Select(f => f.Name).ShouldBe(["ok.png"]);

        // Removing a chosen file is a labelled button.
        cut.Find("[data-testid=picked-file] button").GetAttribute("aria-label").ShouldBe("Remove ok.png");
        cut.Find("[data-testid=picked-file] button").Click();
        cut.Instance.Files.ShouldBeEmpty();
    }
}
