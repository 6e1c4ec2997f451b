namespace Platform.Messaging.Tests;

/// <summary>The one signature of the platform's hooks (inbound on ticketing) and webhooks (outbound from notifications).</summary>
public class HmacSignatureTests
{
    private const string Secret = "s3cret-s3cret-s3cret";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"1"}""");
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_signature_is_hmac_sha256_over_timestamp_dot_body()
    {
        var ts = Now.ToUnixTimeSeconds();
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{ts}.{{\"id\":\"1\"}}")));
        HmacSignature.Sign(Secret, ts, Body).ShouldBe(expected);
        HmacSignature.Sign(Secret, ts.ToString(), Body).ShouldBe(expected);
    }

    [Fact]
    public void Check_accepts_the_right_signature_and_says_what_is_wrong_otherwise()
    {
        var ts = Now.ToUnixTimeSeconds().ToString();
        var signature = HmacSignature.Sign(Secret, ts, Body);
        HmacSignature.Check(Secret, signature, ts, Body, Now, Tolerance).ShouldBe(HmacCheck.Valid);
        HmacSignature.Check(Secret, " " + signature.ToUpperInvariant() + " ", ts, Body, Now, Tolerance).ShouldBe(HmacCheck.Valid, "hex in either case");
        HmacSignature.Check(Secret, signature, ts, Body, Now.AddMinutes(-4), Tolerance).ShouldBe(HmacCheck.Valid, "a clock a little behind");

        HmacSignature.Check(Secret, null, ts, Body, Now, Tolerance).ShouldBe(HmacCheck.Missing);
        HmacSignature.Check(Secret, signature, "", Body, Now, Tolerance).ShouldBe(HmacCheck.Missing);
        HmacSignature.Check(Secret, signature, "-1", Body, Now, Tolerance).ShouldBe(HmacCheck.BadTimestamp);
        HmacSignature.Check(Secret, signature, "99999999999999999999", Body, Now, Tolerance).ShouldBe(HmacCheck.BadTimestamp);
        HmacSignature.Check(Secret, signature, ts, Body, Now.AddMinutes(6), Tolerance).ShouldBe(HmacCheck.OutsideTolerance, "a replay later");
        HmacSignature.Check(Secret, signature, ts, Body, Now.AddMinutes(-6), Tolerance).ShouldBe(HmacCheck.OutsideTolerance, "from the future");
        HmacSignature.Check("another-secret", signature, ts, Body, Now, Tolerance).ShouldBe(HmacCheck.Mismatch);
        HmacSignature.Check(Secret, signature, ts, Encoding.UTF8.GetBytes("""{"id":"2"}"""), Now, Tolerance).ShouldBe(HmacCheck.Mismatch);
        var later = (Now.ToUnixTimeSeconds() + 1).ToString();
        HmacSignature.Check(Secret, signature, later, Body, Now, Tolerance).ShouldBe(HmacCheck.Mismatch, "the timestamp is signed");
        HmacSignature.Verify(Secret, signature, ts, Body, Now, Tolerance).ShouldBeTrue();
        HmacSignature.Verify(Secret, signature[..^1], ts, Body, Now, Tolerance).ShouldBeFalse();
    }
}
