namespace Platform.Portal.BrowserTests;

/// <summary>The words the journeys look for, as each language's resources say them.</summary>
public sealed record Texts(string Locale, string TimeZone, string MyTickets, string Queue, string RaiseTicket, string Title, string Description,
    string Category, string Assignee, string Search, string InternalNote, string NotFound, string SignOut, string InternalSwitch, string Message)
{
    public static Texts For(string language) => language switch
    {
        "en" => new("en-GB", "Europe/London", "My tickets", "Queue", "Raise a ticket", "Title", "Description", "Category", "Assignee",
            "Search", "Internal note", "Not found", "Sign out", "Internal note (agents only)", "Message"),
        "ja" => new("ja-JP", "Asia/Tokyo", "自分のチケット", "キュー", "問い合わせを登録", "件名", "詳細", "カテゴリ", "担当者",
            "検索", "社内メモ", "見つかりません", "サインアウト", "社内メモ（担当者のみ閲覧）", "メッセージ"),
        _ => throw new ArgumentOutOfRangeException(nameof(language)),
    };
}
