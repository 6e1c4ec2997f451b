using Platform.Ticketing.Features.Projects;

namespace Platform.Ticketing.Tests;

/// <summary>
/// What ticketing makes of the projects service's answer about a project it has not heard of: only "not found" and "not
/// for your eyes" mean no such project (422 unknown-project); a rate limit or a failure means it cannot be asked now
/// (503, retry), never "does not exist".
/// </summary>
public sealed class ProjectsClientTests
{
    private sealed class Answer(HttpStatusCode status, string body = "") : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    private static ProjectsClient Answering(HttpStatusCode status, string body = "") =>
        new(new HttpClient(new Answer(status, body)) { BaseAddress = new Uri("http://projects.test/") });

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.BadRequest)]
    public async Task Not_found_or_not_visible_is_no_project(HttpStatusCode status) =>
        (await Answering(status).FindAsync("PRJ-1", "Bearer x", CancellationToken.None)).ShouldBeNull();

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task A_refusal_or_failure_is_cannot_ask_now_not_no_project(HttpStatusCode status) =>
        (await Should.ThrowAsync<HttpRequestException>(() => Answering(status).FindAsync("PRJ-1", "Bearer x", CancellationToken.None)))
            .StatusCode.ShouldBe(status);

    [Fact]
    public async Task A_found_project_is_returned()
    {
        var id = Guid.NewGuid();
        var project = await Answering(HttpStatusCode.OK, $$"""{"id":"{{id}}","key":"PRJ-7","name":"Network refresh"}""")
            .FindAsync("PRJ-7", "Bearer x", CancellationToken.None);
        project.ShouldNotBeNull();
        project.Id.ShouldBe(id);
        project.Key.ShouldBe("PRJ-7");
    }
}
