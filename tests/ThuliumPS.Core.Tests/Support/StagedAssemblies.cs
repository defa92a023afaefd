using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace ThuliumPS.Core.Tests.Support;

/// <summary>An assembly's identity and references, read from metadata only (nothing is loaded or run).</summary>
internal sealed record AssemblyFacts(string Name, Version Version, string? InformationalVersion, string? TargetFramework, IReadOnlyList<AssemblyName> References)
{
    public static AssemblyFacts Read(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var definition = md.GetAssemblyDefinition();
        var references = md.AssemblyReferences
            .Select(h => md.GetAssemblyReference(h))
            .Select(r => new AssemblyName { Name = md.GetString(r.Name), Version = r.Version })
            .ToList();
        return new AssemblyFacts(
            md.GetString(definition.Name),
            definition.Version,
            ReadStringAttribute(md, "AssemblyInformationalVersionAttribute"),
            ReadStringAttribute(md, "TargetFrameworkAttribute"),
            references);
    }

    /// <summary>The first constructor argument of the assembly attribute named <paramref name="attributeName"/>.</summary>
    private static string? ReadStringAttribute(MetadataReader md, string attributeName)
    {
        foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = md.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var ctor = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            var type = md.GetTypeReference((TypeReferenceHandle)ctor.Parent);
            if (md.GetString(type.Name) != attributeName)
            {
                continue;
            }

            // Custom attribute blob: prolog 0x0001, then a SerString.
            var blob = md.GetBlobReader(attribute.Value);
            blob.ReadUInt16();
            return blob.ReadSerializedString();
        }

        return null;
    }
}
