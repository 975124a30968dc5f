using System.Reflection;
using System.Reflection.Emit;

namespace WeComGuard.Tests.Infrastructure;

/// <summary>
/// Every test class that uses Azurite, Bicep, Chromium, the real Functions host, Node.js or another process says so
/// with <c>[Trait("Needs", …)]</c>, one per need, so that <c>./scripts/test.sh --unit</c> leaves it out. What a class
/// uses is read from its IL (and its fixtures, fields, base types and the compiler's closures and state machines),
/// through the test assembly's own helpers transitively.
/// </summary>
public sealed class TestNeedsTests
{
    private static readonly Dictionary<string, string> Markers = new(StringComparer.Ordinal)
    {
        [typeof(AzuriteFixture).FullName!] = TestNeeds.Azurite,
        [typeof(AzuriteProcess).FullName!] = TestNeeds.Azurite,
        [typeof(Infra.InfraFixture).FullName!] = TestNeeds.Bicep,
        [typeof(Infra.BicepCli).FullName!] = TestNeeds.Bicep,
        [typeof(WeComCryptoOracle).FullName!] = TestNeeds.Node,
        [typeof(Host.FunctionsHostFixture).FullName!] = TestNeeds.FunctionsHost,
        [typeof(Host.FunctionsHostAvailability).FullName!] = TestNeeds.FunctionsHost,
        [typeof(Host.RequiresFunctionsHostAttribute).FullName!] = TestNeeds.FunctionsHost,
        ["System.Diagnostics.Process"] = TestNeeds.Process,
        ["System.Diagnostics.ProcessStartInfo"] = TestNeeds.Process,
    };

    // Built at run time, so that this class's own literals do not name Chromium.
    private static readonly string ChromiumPath = string.Concat("/usr/bin/", "chromium");

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    [Fact]
    public void Every_test_class_that_needs_more_than_the_SDK_has_the_Needs_trait_for_it()
    {
        var assembly = typeof(TestNeedsTests).Assembly;
        var needs = new NeedsOf(assembly);
        var missing = new List<string>();
        foreach (var type in assembly.GetTypes().Where(IsTestClass))
        {
            var traits = CustomTraits(type);
            var absent = needs.Of(type).Where(need => !traits.Contains(need)).Order(StringComparer.Ordinal).ToList();
            if (absent.Count > 0)
            {
                missing.Add($"{type.FullName}: {string.Join(", ", absent)}");
            }
        }

        Assert.True(missing.Count == 0, "test classes without [Trait(\"Needs\", …)] for what they use:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Needs_are_read_through_helpers_fixtures_and_async_state_machines()
    {
        var needs = new NeedsOf(typeof(TestNeedsTests).Assembly);
        Assert.Contains(TestNeeds.Azurite, needs.Of(typeof(Cli.LocalRunEndToEndTests)));
        Assert.Contains(TestNeeds.Node, needs.Of(typeof(Callbacks.WeComCryptoOracleTests)));
        Assert.Contains(TestNeeds.Bicep, needs.Of(typeof(Infra.BicepTemplateTests)));
        Assert.Equal([TestNeeds.Chromium], needs.Of(typeof(Reports.SummaryHtmlBrowserTests)));
        Assert.Empty(needs.Of(typeof(TestNeedsTests)));
    }

    private static HashSet<string> CustomTraits(Type type) =>
    [
        .. type.GetCustomAttributesData()
            .Where(data => data.AttributeType == typeof(TraitAttribute) && Equals(data.ConstructorArguments[0].Value, TestNeeds.Trait))
            .Select(data => (string)data.ConstructorArguments[1].Value!),
    ];

    private static bool IsTestClass(Type type) =>
        type is { IsClass: true, IsAbstract: false } && !type.IsNested
        && type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any());

    /// <summary>What each type of the test assembly needs, through every type of the assembly it refers to.</summary>
    private sealed class NeedsOf(Assembly assembly)
    {
        public HashSet<string> Of(Type type)
        {
            var result = new HashSet<string>(StringComparer.Ordinal);
            var seen = new HashSet<Type>();
            var pending = new Stack<Type>([type]);
            while (pending.TryPop(out var next))
            {
                if (!seen.Add(next))
                {
                    continue;
                }

                if (next.FullName is { } name && Markers.TryGetValue(name, out var need))
                {
                    result.Add(need);
                }

                if (next.Assembly != assembly)
                {
                    continue;
                }

                foreach (var referenced in References(next))
                {
                    if (referenced is Type t)
                    {
                        pending.Push(t);
                    }
                    else if (referenced is string text && text.Contains(ChromiumPath, StringComparison.Ordinal))
                    {
                        result.Add(TestNeeds.Chromium);
                    }
                }
            }

            // Azurite, Bicep, Chromium, Node and the host are processes too: Process names any other.
            if (result.Count > 1)
            {
                result.Remove(TestNeeds.Process);
            }

            return result;
        }

        private IEnumerable<object> References(Type type)
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            if (type.BaseType is { } baseType)
            {
                yield return baseType;
            }

            foreach (var argument in type.GetInterfaces().SelectMany(i => i.IsGenericType ? i.GetGenericArguments() : []))
            {
                yield return argument;
            }

            foreach (var attribute in type.GetCustomAttributesData())
            {
                yield return attribute.AttributeType;
                if (attribute.AttributeType == typeof(CollectionAttribute) && attribute.ConstructorArguments is [{ Value: string collection }, ..])
                {
                    foreach (var definition in assembly.GetTypes().Where(t => t.GetCustomAttributesData().Any(a =>
                        a.AttributeType == typeof(CollectionDefinitionAttribute) && a.ConstructorArguments is [{ Value: string name }, ..] && name == collection)))
                    {
                        yield return definition;
                    }
                }
            }

            foreach (var nested in type.GetNestedTypes(all))
            {
                yield return nested;
            }

            foreach (var field in type.GetFields(all))
            {
                yield return field.FieldType;
            }

            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                foreach (var parameter in method.GetParameters())
                {
                    yield return parameter.ParameterType;
                }

                foreach (var referenced in ReferencedTypes(method))
                {
                    yield return referenced;
                }
            }
        }

        /// <summary>
        /// The declaring types of the methods, fields and types a method body's instructions name (not typeof: naming a
        /// type is not using it), and its string literals.
        /// </summary>
        private static IEnumerable<object> ReferencedTypes(MethodBase method)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null)
            {
                yield break;
            }

            var position = 0;
            while (position < il.Length)
            {
                short value = il[position++];
                if (value == 0xFE)
                {
                    value = (short)(0xFE00 | il[position++]);
                }

                if (!OpCodesByValue.TryGetValue(value, out var code))
                {
                    yield break;
                }

                var size = OperandSize(code, il, position);
                if (code.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType)
                {
                    var member = Resolve(method, BitConverter.ToInt32(il, position));
                    if (member is Type t)
                    {
                        yield return t;
                    }
                    else if (member?.DeclaringType is { } declaring)
                    {
                        yield return declaring;
                    }
                }
                else if (code.OperandType == OperandType.InlineString)
                {
                    yield return method.Module.ResolveString(BitConverter.ToInt32(il, position));
                }

                position += size;
            }
        }

        private static MemberInfo? Resolve(MethodBase method, int token)
        {
            try
            {
                var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
                var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
                return method.Module.ResolveMember(token, typeArguments, methodArguments);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }

        private static int OperandSize(OpCode code, byte[] il, int position) => code.OperandType switch
        {
            OperandType.InlineNone => 0,
            OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
            OperandType.InlineVar => 2,
            OperandType.InlineI8 or OperandType.InlineR => 8,
            OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
            _ => 4,
        };
    }
}
