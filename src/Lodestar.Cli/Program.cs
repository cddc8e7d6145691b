using Lodestar.Cli;

return await LodestarCli.RunAsync(args);
