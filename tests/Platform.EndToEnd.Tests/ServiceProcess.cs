global using Platform.Processes;
using System.Reflection;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Where the end-to-end tests find the services they start as <see cref="ServiceProcess"/>es (the class is shared with
/// the fault suite's driver, in tests/Platform.Processes): the build output of the configuration the tests were built with.
/// </summary>
public static class ServiceBuilds
{
    extension(ServiceProcess)
    {
        /// <summary>The build configuration this test assembly was built with (Debug, Release…); services are taken from the same.</summary>
        public static string Configuration =>
            typeof(ServiceBuilds).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration is { Length: > 0 } c
                ? c
#if DEBUG
                : "Debug";
#else
                : "Release";
#endif

        /// <summary>The directory holding Platform.sln, found by walking up from the test's output directory.</summary>
        public static string RepositoryRoot => Platform.Testing.Repository.Root;

        /// <summary>The build output of a project: &lt;repo&gt;/&lt;projectDir&gt;/bin/&lt;Configuration&gt;/net10.0/&lt;assembly&gt;.dll.</summary>
        public static string BuildOutput(string projectDirectory, string assemblyName) =>
            Path.Combine(ServiceProcess.RepositoryRoot, projectDirectory, "bin", ServiceProcess.Configuration, "net10.0", assemblyName + ".dll");
    }
}
