// The symdiff playground. It calls the engine with one batch item per
// request, { "expr", "vars", "at", "answer" }, and shows the objects of
// symdiff --json: through the server's API (symdiff serve) or, in the
// static site (symdiff site), through the engine compiled to WebAssembly
// running in a worker.
"use strict";

const $ = (id) => document.getElementById(id);
const started = performance.now();
let firstResult = 0;

// ---- the engine: server or WebAssembly --------------------------------

const engine = (window.SYMDIFF_MODE === "wasm") ? wasmEngine() : serverEngine();

function serverEngine() {
  return {
    name: "on the symdiff server",
    // signal aborts the request when a newer input supersedes it: the
    // server's context ends, and with it the work.
    async call(command, item, signal) {
      let r;
      try {
        r = await fetch("api/v1/" + command, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(item),
          signal,
        });
      } catch (e) {
        return { status: 0, answer: { error: { message: signal && signal.aborted ? "superseded" : "the server cannot be reached: " + e.message, kind: "network" } } };
      }
      let answer;
      try { answer = await r.json(); } catch (e) { answer = { error: { message: "HTTP " + r.status, kind: "http" } }; }
      return { status: r.status, answer };
    },
  };
}

// The WebAssembly engine runs in a worker, so that a long computation
// does not freeze the page. It works on one call at a time; calls wait in
// a queue, and those of an input that a newer one has superseded (their
// signal aborted) are dropped before they start. A call that takes too
// long is stopped by replacing the worker.
function wasmEngine() {
  const timeoutMS = 20000;
  const queue = [];
  let worker = null, current = null, next = 1;
  function start() {
    worker = new Worker("static/worker.js");
    worker.onmessage = (e) => {
      if (!current || e.data.id !== current.id) return;
      let answer;
      try { answer = JSON.parse(e.data.body); } catch (err) { answer = { error: { message: String(e.data.body), kind: "internal" } }; }
      finish({ status: e.data.status, answer });
    };
    worker.onerror = (e) => {
      finish({ status: 500, answer: { error: { message: "the WebAssembly engine failed: " + e.message, kind: "internal" } } });
    };
  }
  function finish(result) {
    if (!current) return;
    clearTimeout(current.timer);
    const c = current;
    current = null;
    c.resolve(result);
    pump();
  }
  function pump() {
    while (!current && queue.length) {
      const c = queue.shift();
      if (c.signal && c.signal.aborted) {
        c.resolve({ status: 0, answer: { error: { message: "superseded", kind: "superseded" } } });
        continue;
      }
      current = c;
      c.timer = setTimeout(() => {
        worker.terminate();
        start();
        finish({ status: 422, answer: { error: { message: `stopped after ${timeoutMS / 1000} s (the WebAssembly engine was restarted)`, kind: "timeout" } } });
      }, timeoutMS);
      worker.postMessage({ id: c.id, command: c.command, body: JSON.stringify(c.item) });
    }
  }
  start();
  return {
    name: "in this browser, as WebAssembly",
    call(command, item, signal) {
      return new Promise((resolve) => {
        queue.push({ id: next++, command, item, signal, resolve });
        pump();
      });
    },
  };
}

// ---- rendering -------------------------------------------------------------

function tex(el, latex, display) {
  if (window.katex) {
    try {
      katex.render(latex, el, { displayMode: !!display, throwOnError: false, output: "htmlAndMathml" });
      return;
    } catch (e) { /* fall through to text */ }
  }
  el.textContent = latex;
}

function texSpan(latex, display) {
  const s = document.createElement(display ? "div" : "span");
  s.className = "math";
  tex(s, latex, display);
  return s;
}

// nodeTeX writes an intermediate variable's name (u_12) as the LaTeX
// printer writes it in expressions (u_{12}).
function nodeTeX(v) {
  const m = /^([A-Za-z]+)_(\d+)$/.exec(v);
  return m ? `${m[1]}_{${m[2]}}` : texName(v);
}

function texName(v) {
  return /^[A-Za-z]$/.test(v) ? v : "\\mathrm{" + v.replace(/_/g, "\\_") + "}";
}

function showError(el, answer, src) {
  const e = (answer && answer.error) || { message: "no answer" };
  el.replaceChildren();
  const p = document.createElement("pre");
  p.className = "error";
  let text = e.message;
  if (src !== undefined && e.column > 0 && e.kind === "syntax") {
    // The place in the input, under it, as the command line shows it.
    const col = Math.min(e.column - 1, src.length);
    text += "\n  " + src + "\n  " + " ".repeat(col) + "^";
  }
  p.textContent = text;
  el.append(p);
}

// ---- state -----------------------------------------------------------------

function state() {
  const v = $("var").value.trim();
  return { expr: $("expr").value, vars: v ? v.split(/[\s,]+/).filter(Boolean) : [], at: $("at").value.trim() };
}

function saveURL() {
  const q = new URLSearchParams();
  q.set("expr", $("expr").value);
  q.set("var", $("var").value.trim());
  if ($("at").value.trim()) q.set("at", $("at").value.trim());
  history.replaceState(null, "", "?" + q.toString());
}

function loadURL() {
  const q = new URLSearchParams(location.search);
  if (q.has("expr")) $("expr").value = q.get("expr");
  if (q.has("var")) $("var").value = q.get("var");
  if (q.has("at")) $("at").value = q.get("at");
}

// ---- the computations ------------------------------------------------------

let generation = 0;
let inFlight = null; // aborts the requests of the previous input

async function update() {
  const gen = ++generation;
  if (inFlight) inFlight.abort();
  inFlight = new AbortController();
  const signal = inFlight.signal;
  const s = state();
  saveURL();
  const item = { expr: s.expr };
  if (s.vars.length) item.vars = s.vars;
  const err = $("expr-error");
  if (!s.expr.trim()) {
    for (const id of ["derivative", "steps", "graph", "plot"]) $(id).replaceChildren();
    err.hidden = true;
    return;
  }
  const diffP = engine.call("diff", item, signal);
  const stepsP = engine.call("steps", item, signal);
  const graphP = s.at ? engine.call("graph", { expr: s.expr, at: s.at }, signal) : null;
  const plotP = plotItem(s) ? engine.call("plot", plotItem(s), signal) : null;

  const d = await diffP;
  if (gen !== generation) return;
  if (d.answer.error) {
    showError(err, d.answer, s.expr);
    err.hidden = false;
    $("derivative").replaceChildren();
  } else {
    err.hidden = true;
    const vs = d.answer.vars.map(texName);
    const lhs = vs.length === 1 ? `\\frac{df}{d${vs[0]}}` : `\\frac{\\partial^{${vs.length}} f}{${vs.map((v) => "\\partial " + v).join(" \\, ")}}`;
    const el = $("derivative");
    el.replaceChildren(texSpan(lhs + " = " + d.answer.result.latex, true));
    const t = document.createElement("p");
    t.className = "plain";
    t.textContent = d.answer.result.text;
    el.append(t);
    for (const w of d.answer.warnings || []) {
      const p = document.createElement("p");
      p.className = "warning";
      p.textContent = "warning: " + w;
      el.append(p);
    }
    if (!firstResult) {
      firstResult = performance.now();
      $("status").textContent = `First result ${Math.round(firstResult)} ms after the page started loading.`;
      document.body.dataset.firstResultMs = String(Math.round(firstResult));
    }
  }

  renderSteps(await stepsP, gen);
  if (graphP) renderGraph(await graphP, gen); else $("graph").replaceChildren();
  if (plotP) renderPlot(await plotP, gen);
  else $("plot").replaceChildren(Object.assign(document.createElement("p"), { className: "help", textContent: "The plot draws a function of one variable: give one variable." }));
}

// ruleItem is a list item of a derivation that begins with the name of
// its rule.
function ruleItem(rule) {
  const li = document.createElement("li");
  const span = document.createElement("span");
  span.className = "rule";
  span.textContent = rule;
  li.append(span);
  return li;
}

function renderSteps(r, gen) {
  if (gen !== generation) return;
  const el = $("steps");
  if (r.answer.error) { showError(el, r.answer); return; }
  el.replaceChildren();
  for (const d of r.answer.derivations) {
    const v = texName(d.var);
    const ol = document.createElement("ol");
    ol.className = "steps";
    for (const st of d.steps) {
      const li = ruleItem(st.rule);
      if (st.inner) {
        li.append(", chain rule with ", texSpan("u = " + st.inner.latex));
      }
      li.append(texSpan(`\\frac{d}{d${v}}\\left(${st.expr.latex}\\right) = ${st.result.latex}`, true));
      ol.append(li);
    }
    if (d.abridged && d.graph) {
      // Too large to derive rule by rule: each intermediate variable with
      // its definition and local derivatives, in the order computed.
      const li = document.createElement("li");
      li.className = "abridged";
      li.textContent = `${d.graph.nodes.length} operations, too many to derive rule by rule: each gets a name, its definition and its local derivatives; the chain rule multiplies them from the variable up.`;
      ol.append(li);
      for (const n of d.graph.nodes) {
        const nm = nodeTeX(n.name);
        const parts = [`${nm} = ${n.def.latex}`];
        for (const l of n.locals) parts.push(`\\frac{\\partial ${nm}}{\\partial ${nodeTeX(l.input)}} = ${l.expr.latex}`);
        const item = document.createElement("li");
        item.append(texSpan(parts.join(",\\quad "), true));
        ol.append(item);
      }
    } else if (d.steps.length === 0) {
      const li = document.createElement("li");
      li.append(texSpan(`\\frac{d}{d${v}}\\left(${d.func.latex}\\right) = ${d.result.latex}`, true));
      ol.append(li);
    }
    el.append(ol);
    if (d.simplification.length) {
      const h = document.createElement("h3");
      h.textContent = "Simplification, each equality with its rule";
      const ul = document.createElement("ol");
      ul.className = "steps simplification";
      for (const rw of d.simplification) {
        const li = ruleItem(rw.rule);
        li.append(texSpan(`${rw.before.latex} = ${rw.after.latex}`, true));
        ul.append(li);
      }
      el.append(h, ul);
    }
    // An abridged derivation's result is long written out: the derivative
    // above shows it.
    if (!d.abridged) {
      const res = document.createElement("p");
      res.append("Result: ", texSpan(`\\frac{d}{d${v}}\\left(${d.func.latex}\\right) = ${d.result.latex}`));
      el.append(res);
    }
  }
}

function renderGraph(r, gen) {
  if (gen !== generation) return;
  const el = $("graph");
  if (r.answer.error) { showError(el, r.answer); return; }
  // The SVG is drawn by package graph, which escapes every text it
  // writes; it is parsed as an SVG document, not as HTML.
  const doc = new DOMParser().parseFromString(r.answer.svg, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg") { el.textContent = "the graph could not be drawn"; return; }
  el.replaceChildren(document.importNode(svg, true));
  const p = document.createElement("p");
  p.className = "help";
  p.textContent = `f = ${r.answer.at.value} at ${Object.entries(r.answer.at.point).map(([k, v]) => k + " = " + v).join(", ")}`;
  el.append(p);
}

// ---- the plot ----------------------------------------------------------------

// The plot of f, f' and the tangent at the point's value of the variable
// comes from symdiff plot; a build without it answers 404, and the page
// says so in the plot's place.
const plotGap = "The plot of f, f′ and the tangent needs symdiff plot, which this build of symdiff does not have.";

function plotItem(s) {
  if (s.vars.length !== 1) return null;
  const item = { expr: s.expr, vars: s.vars };
  const v = s.vars[0];
  for (const part of s.at.split(/[,\s]+/)) {
    const [name, value] = part.split("=");
    if (name === v && value !== undefined && value.trim() !== "") item.at = v + "=" + value.trim();
  }
  return item;
}

function renderPlot(r, gen) {
  if (gen !== generation) return;
  const el = $("plot");
  if (r.status === 404) {
    el.replaceChildren(Object.assign(document.createElement("p"), { className: "help", textContent: plotGap }));
    return;
  }
  if (r.answer.error) { showError(el, r.answer); return; }
  const doc = new DOMParser().parseFromString(r.answer.svg, "image/svg+xml");
  const svg = doc.documentElement;
  if (svg.nodeName !== "svg") { el.textContent = "the plot could not be drawn"; return; }
  el.replaceChildren(document.importNode(svg, true));
}

// ---- "is my answer right?" -------------------------------------------------

async function checkAnswer(ev) {
  ev.preventDefault();
  const s = state();
  const answer = $("answer").value;
  const out = $("verdict");
  if (!answer.trim()) { out.textContent = "Type your derivative first."; return; }
  out.textContent = "Checking…";
  const item = { expr: s.expr, answer };
  if (s.vars.length) item.vars = s.vars;
  const r = await engine.call("diff", item);
  const a = r.answer;
  out.className = "";
  if (a.error) { out.textContent = a.error.message; out.className = "bad"; return; }
  const v = a.answer;
  switch (v.verdict) {
    case "proven":
      out.textContent = "Right: your answer is the derivative (proven).";
      out.className = "good";
      break;
    case "numeric":
      out.textContent = `Right: your answer equals the derivative at ${v.points} random points (no proof found).`;
      out.className = "good";
      break;
    case "different": {
      const p = Object.entries(v.witness.point).map(([k, x]) => `${k} = ${x}`).join(", ");
      out.textContent = `Not right: at ${p} the derivative is ${v.witness.values[0]}, your answer ${v.witness.values[1]}.`;
      out.className = "bad";
      break;
    }
    default:
      out.textContent = "Cannot decide: no proof, and no point where both are defined.";
  }
}

// ---- wiring ----------------------------------------------------------------

function debounce(f, ms) {
  let t = 0;
  return () => { clearTimeout(t); t = setTimeout(f, ms); };
}

function init() {
  loadURL();
  $("engine").textContent = engine.name;
  const later = debounce(update, 200);
  for (const id of ["expr", "var", "at"]) $(id).addEventListener("input", later);
  for (const b of document.querySelectorAll(".examples button")) {
    b.addEventListener("click", () => {
      $("expr").value = b.dataset.expr;
      $("var").value = b.dataset.var;
      $("at").value = b.dataset.at;
      $("answer").value = "";
      $("verdict").textContent = "";
      update();
      $("expr").focus();
    });
  }
  $("answer-form").addEventListener("submit", checkAnswer);
  $("status").textContent = "Working…";
  update();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
