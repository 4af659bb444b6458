using Microsoft.Extensions.Localization;

// The assembly is named "jiuzhu"; resources are embedded under the project's root namespace.
[assembly: RootNamespace("Jiuzhu.Web")]

namespace Jiuzhu.Web;

/// <summary>
/// Marker for the UI's string resources. Keys are the Chinese texts themselves, so zh-CN needs no
/// resource file; Resources/SharedResource.en.resx carries the English translations.
/// </summary>
public sealed class SharedResource;
