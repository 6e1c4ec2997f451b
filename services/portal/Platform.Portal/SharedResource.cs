namespace Platform.Portal;

/// <summary>The portal's strings: Resources/SharedResource.resx (English) and SharedResource.ja.resx (Japanese).</summary>
public sealed class SharedResource;
