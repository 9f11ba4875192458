// The WebAssembly engine of the static site: symdiff's command line built
// with GOOS=js GOARCH=wasm, whose main registers symdiffCall(command,
// body) -> {status, body}, the same function as the server's API.
"use strict";
importScripts("../wasm_exec.js");
const go = new Go();
const ready = WebAssembly.instantiateStreaming(fetch("../symdiff.wasm"), go.importObject)
  .then((r) => { go.run(r.instance); });
onmessage = async (e) => {
  const { id, command, body } = e.data;
  try {
    await ready;
    const r = symdiffCall(command, body);
    postMessage({ id, status: r.status, body: r.body });
  } catch (err) {
    postMessage({ id, status: 500, body: JSON.stringify({ error: { message: "the WebAssembly engine failed: " + err, kind: "internal" } }) });
  }
};
