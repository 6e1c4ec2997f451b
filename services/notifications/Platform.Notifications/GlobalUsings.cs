// The service's own namespaces (one per folder: Consumers, Data, Domain, Endpoints, Features/*, Jobs) and the platform's service
// defaults, for every file: a feature's code names the entities and helpers of the others without a using each.
global using Platform.Notifications.Consumers;
global using Platform.Notifications.Data;
global using Platform.Notifications.Data.Configurations;
global using Platform.Notifications.Domain;
global using Platform.Notifications.Endpoints;
global using Platform.Notifications.Features.Email;
global using Platform.Notifications.Features.Events;
global using Platform.Notifications.Features.Filtering;
global using Platform.Notifications.Features.Inbox;
global using Platform.Notifications.Features.Rules;
global using Platform.Notifications.Features.Webhooks;
global using Platform.Notifications.Jobs;
global using Platform.ServiceDefaults;
global using Platform.Data;
