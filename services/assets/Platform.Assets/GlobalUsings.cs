// The service's own namespaces (one per folder: Consumers, Data, Domain, Endpoints, Features/*, Jobs) and the platform's service
// defaults, for every file: a feature's code names the entities and helpers of the others without a using each.
global using Platform.Assets.Consumers;
global using Platform.Assets.Data;
global using Platform.Assets.Data.Configurations;
global using Platform.Assets.Domain;
global using Platform.Assets.Endpoints;
global using Platform.Assets.Features;
global using Platform.Assets.Features.Assets;
global using Platform.Assets.Features.Kitting;
global using Platform.Assets.Features.Licences;
global using Platform.Assets.Features.Procurement;
global using Platform.Assets.Jobs;
global using Platform.ServiceDefaults;
global using Platform.Data;
