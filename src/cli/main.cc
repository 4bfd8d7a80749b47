// `kefu`: the command-line tool. Subcommands per module (declared with CLI11, each in its
// module's file); `--help` on every one; exit code 0 on success, otherwise the kefu_status value
// with its name and message on stderr (a mistyped command line is KEFU_ERR_INVALID_ARGUMENT, 1).
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>

#include "cli/command.hpp"
#include "kefu/kefu.h"

namespace {

void AddVersionCommand(CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand("version", "the library's version and ABI");
  sub->add_flag("--json", *json,
                "print kefu.v1.GetVersionResponse as JSON (with every method served)");
  kefu::cli::OnRun(sub, [json] {
    if (!*json) {
      std::printf("kefu %s (ABI %d)\n", kefu_version(), kefu_abi_version());
      return 0;
    }
    kefu::cli::Connection connection;
    if (kefu::Status s = connection.Open(":memory:", "cli", false); !s.ok())
      return kefu::cli::Fail(s);
    kefu::v1::GetVersionResponse version;
    if (kefu::Status s = connection.Call("kefu.v1.SystemService/GetVersion",
                                         kefu::v1::GetVersionRequest(), &version);
        !s.ok()) {
      return kefu::cli::Fail(s);
    }
    std::fputs(kefu::cli::ToJson(version).c_str(), stdout);
    return 0;
  });
}

// The deepest subcommand the command line reached, for "see kefu patient show --help".
std::string Reached(const CLI::App& app) {
  std::string path = app.get_name();
  const CLI::App* at = &app;
  for (bool deeper = true; deeper;) {
    deeper = false;
    for (const CLI::App* sub : at->get_subcommands()) {
      path += " " + sub->get_name();
      at = sub;
      deeper = true;
      break;
    }
  }
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"kefu: the follow-up engine of a hospital's customer-service centre", "kefu"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("kefu ") + kefu_version());
  app.get_formatter()->column_width(34);
  kefu::cli::AddCadenceCommand(app);
  kefu::cli::AddPatientCommands(app);
  kefu::cli::AddImportCommand(app);
  kefu::cli::AddMaintenanceCommands(app);
  kefu::cli::AddWorklistCommand(app);
  kefu::cli::AddCallCommands(app);
  kefu::cli::AddFollowUpCommands(app);
  kefu::cli::AddConfigCommands(app);
  kefu::cli::AddAccessCommands(app);
  kefu::cli::AddDemoCommand(app);
  AddVersionCommand(app);
  app.footer(
      "Run `kefu COMMAND --help` for a command's options. Reading commands never create an\n"
      "archive; `kefu init` does (or a writing command given --create).");
  if (argc == 1) {
    std::fputs(app.help().c_str(), stderr);
    return 1;
  }
  const std::string first = argv[1];
  if (first[0] != '-' &&
      app.get_subcommands([&first](CLI::App* sub) { return sub->check_name(first); }).empty()) {
    std::fprintf(stderr,
                 "kefu: KEFU_ERR_INVALID_ARGUMENT: unknown command \"%s\" (see kefu --help)\n",
                 first.c_str());
    return 1;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "kefu: KEFU_ERR_INVALID_ARGUMENT: %s (see %s --help)\n", e.what(),
                 Reached(app).c_str());
    return 1;
  }
  return kefu::cli::ExitCode();
}
