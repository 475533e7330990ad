// The VS Code side of `parrules lsp`: start the server (the parrules.command setting) for .par files.
// Highlighting needs none of this (syntaxes/parrules.tmLanguage.json); the server needs
// `npm install` in this folder (vscode-languageclient) and `pip install 'parrules[editor]'`.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("parrules").get("command", ["parrules", "lsp"]);
  client = new LanguageClient(
    "parrules",
    "parrules",
    { command, args },
    { documentSelector: [{ scheme: "file", language: "parrules" }, { scheme: "untitled", language: "parrules" }] }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
