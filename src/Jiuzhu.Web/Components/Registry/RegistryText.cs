using Jiuzhu.Kernel;
using Jiuzhu.Registry.Domain;

namespace Jiuzhu.Web.Components.Registry;

/// <summary>Chinese names of registry values, used as localization keys; the names themselves are the registry's own.</summary>
public static class RegistryText
{
    /// <summary>Roles that may import households (the registry's editors); for page attributes and navigation.</summary>
    public const string ImportRoles = Roles.VillageWorker + "," + Roles.TownshipSocialWorker + "," + Roles.CountyOfficer;

    public static string Category(AssistanceCategory? c) => c is { } category ? RegistryTerms.CategoryName(category) : "尚未纳入救助";

    public static string Relation(Relation r) => RegistryTerms.RelationName(r);

    public static string Sex(Sex s) => RegistryTerms.SexName(s);

    public static IEnumerable<string> Needs(NeedFlags flags) => RegistryTerms.NeedNames(flags);

    public static string Need(NeedFlags flag) => RegistryTerms.NeedName(flag);
}
