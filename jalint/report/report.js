/* jalint report: the posts table and one post's detail, built from the JSON blocks of this page.
   Every text from the data is put into the page with textContent, never parsed as HTML, so a post
   that contains markup shows it as text. Nothing is fetched: the page works offline. */
(function () {
  "use strict";

  var SEVERITY_LABELS = { error: "エラー", warning: "警告", info: "情報" };
  var PAGE = 200;      // table rows shown at a time
  var CONTEXT = 60;    // unchanged characters kept on each side of a change in a fix preview
  var LONG = 400;      // a deleted or inserted text longer than this is shortened in the preview

  var index = readJson("jalint-index");
  var RULES = index.rules;
  var SEVERITIES = index.severities;
  var byPath = new Map(index.posts.map(function (post, i) { return [post.p, i]; }));
  var table = { rule: -1, severity: -1, query: "", key: "count", desc: true, limit: PAGE, order: [] };
  var current = -1;  // the post shown in the detail section

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  /* h("a", {href: ..., text: ...}, [children]): an element; strings become text nodes. */
  function h(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      var value = props[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    [].concat(children === undefined ? [] : children).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  function severityName(number) { return SEVERITIES[number]; }

  /* ---- the posts table ---------------------------------------------------------------- */

  function tally(post) {
    var bySeverity = [0, 0, 0], byRule = new Map(), count = 0;
    post.c.forEach(function (entry) {
      var rule = entry[0], severity = entry[1], n = entry[2];
      if (table.rule >= 0 && rule !== table.rule) return;
      if (table.severity >= 0 && severity !== table.severity) return;
      bySeverity[severity] += n;
      count += n;
      byRule.set(rule, (byRule.get(rule) || 0) + n);
    });
    var top = Array.from(byRule.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; }).slice(0, 3);
    return { count: count, bySeverity: bySeverity, top: top };
  }

  var SORT_VALUES = {
    count: function (row) { return row.tally.count; },
    error: function (row) { return row.tally.bySeverity[0]; },
    warning: function (row) { return row.tally.bySeverity[1]; },
    info: function (row) { return row.tally.bySeverity[2]; },
    path: function (row) { return row.post.p; },
    month: function (row) { return row.post.m || "~"; }
  };

  function tableRows() {
    var query = table.query.toLowerCase();
    var rows = [];
    index.posts.forEach(function (post, i) {
      if (query && post.p.toLowerCase().indexOf(query) < 0 && (post.t || "").toLowerCase().indexOf(query) < 0) return;
      var counted = tally(post);
      if (counted.count) rows.push({ i: i, post: post, tally: counted });
    });
    var value = SORT_VALUES[table.key], direction = table.desc ? -1 : 1;
    rows.sort(function (a, b) {
      var x = value(a), y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * direction || a.i - b.i;
    });
    return rows;
  }

  function renderTable() {
    var rows = tableRows();
    table.order = rows.map(function (row) { return row.i; });
    var shown = rows.slice(0, table.limit);
    document.getElementById("post-rows").replaceChildren.apply(
      document.getElementById("post-rows"), shown.map(function (row, n) { return postRow(row, n + 1); }));
    document.getElementById("table-status").textContent =
      rows.length + " 記事" + (shown.length < rows.length ? "（上位 " + shown.length + " 件を表示）" : "");
    document.getElementById("more-posts").hidden = shown.length >= rows.length;
    document.querySelectorAll("#post-table th[data-key]").forEach(function (th) {
      if (th.dataset.key === table.key) th.setAttribute("aria-sort", table.desc ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
  }

  function postRow(row, rank) {
    var post = row.post;
    var cells = [
      h("td", { className: "num rank", text: rank }),
      h("td", { className: "post" }, [
        h("a", { href: "#post=" + row.i, className: "post-link", text: post.t || post.p }),
        post.t ? h("div", { className: "path", text: post.p }) : null
      ]),
      h("td", { className: "month", text: post.m || "不明" })
    ];
    row.tally.bySeverity.forEach(function (n, severity) {
      cells.push(h("td", { className: "num sev-" + severityName(severity) + (n ? "" : " zero"), text: n }));
    });
    cells.push(h("td", { className: "num total", text: row.tally.count }));
    cells.push(h("td", { className: "top-rules" }, row.tally.top.map(function (entry) {
      return h("span", { className: "chip", text: RULES[entry[0]] + " " + entry[1] });
    })));
    return h("tr", { "data-post": row.i, className: row.i === current ? "current" : null }, cells);
  }

  function setupTable() {
    var ruleSelect = document.getElementById("filter-rule");
    var totals = index.stats.by_rule;
    RULES.forEach(function (rule, number) {
      ruleSelect.append(h("option", { value: number, text: rule + "（" + totals[rule] + "）" }));
    });
    ruleSelect.addEventListener("change", function () {
      table.rule = ruleSelect.value === "" ? -1 : Number(ruleSelect.value);
      table.limit = PAGE;
      renderTable();
    });
    var severitySelect = document.getElementById("filter-severity");
    severitySelect.addEventListener("change", function () {
      table.severity = severitySelect.value === "" ? -1 : SEVERITIES.indexOf(severitySelect.value);
      table.limit = PAGE;
      renderTable();
    });
    var query = document.getElementById("filter-query");
    query.addEventListener("input", function () { table.query = query.value.trim(); table.limit = PAGE; renderTable(); });
    document.querySelectorAll("#post-table th[data-key] button").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.parentElement.dataset.key;
        if (table.key === key) table.desc = !table.desc;
        else { table.key = key; table.desc = key !== "path" && key !== "month"; }
        renderTable();
      });
    });
    document.getElementById("more-posts").addEventListener("click", function () { table.limit += PAGE; renderTable(); });
    document.querySelectorAll(".rule-filter").forEach(function (button) {
      button.addEventListener("click", function () {
        ruleSelect.value = String(RULES.indexOf(button.dataset.rule));
        ruleSelect.dispatchEvent(new Event("change"));
        document.getElementById("posts").scrollIntoView();
      });
    });
  }

  /* ---- positions ---------------------------------------------------------------------- */

  /* A 1-based code-point column of `text` as a 0-based UTF-16 index, clamped to the line. */
  function unitIndex(text, column, astral) {
    if (column <= 1) return 0;
    if (!astral) return Math.min(column - 1, text.length);
    var at = 0, points = 0;
    while (at < text.length && points < column - 1) {
      var code = text.charCodeAt(at);
      at += code >= 0xd800 && code <= 0xdbff && at + 1 < text.length ? 2 : 1;
      points += 1;
    }
    return at;
  }

  function Lines(text) {
    this.lines = text.split("\n").map(function (line) { return line.endsWith("\r") ? line.slice(0, -1) : line; });
    this.astral = this.lines.map(function (line) { return /[\ud800-\udbff]/.test(line); });
  }
  Lines.prototype.count = function () { return this.lines.length; };
  Lines.prototype.text = function (line) { return this.lines[line - 1] || ""; };
  Lines.prototype.clamp = function (line) { return Math.min(Math.max(line, 1), this.lines.length); };
  Lines.prototype.unit = function (line, column) {
    return line > this.lines.length ? 0 : unitIndex(this.lines[line - 1], column, this.astral[line - 1]);
  };

  /* ---- one post ------------------------------------------------------------------------ */

  function openPost(i) {
    var post = index.posts[i];
    var data = readJson("jalint-post-" + i);
    var findings = data.f.map(function (f, k) {
      return { k: k, rule: f[0], severity: f[1], message: f[2], line: f[3], column: f[4], endLine: f[5],
               endColumn: f[6], related: f[7], fix: f[8] };
    });
    var lines = data.text === null ? null : new Lines(data.text);
    var parts = [detailHead(post, i, findings)];
    if (lines === null) {
      parts.push(h("p", { className: "no-source",
        text: "この記事のファイルを読めなかったため（移動・削除されたか、UTF-8 でない）、本文なしで指摘だけを表示します。" }));
      parts.push(h("div", { className: "findings-only" }, findings.map(function (f) { return note(f, i, null); })));
    } else {
      parts.push(sourceView(lines, findings, i));
    }
    var detail = document.getElementById("detail");
    detail.replaceChildren.apply(detail, parts);
    detail.hidden = false;
    document.getElementById("detail-nav").hidden = false;
    current = i;
    document.querySelectorAll("#post-rows tr").forEach(function (tr) {
      tr.classList.toggle("current", Number(tr.dataset.post) === i);
    });
  }

  function detailHead(post, i, findings) {
    var counts = [0, 0, 0];
    findings.forEach(function (f) { counts[f.severity] += 1; });
    var at = table.order.indexOf(i);
    var previous = at > 0 ? table.order[at - 1] : -1, next = at >= 0 && at + 1 < table.order.length ? table.order[at + 1] : -1;
    return h("div", { className: "detail-head" }, [
      h("div", {}, [
        h("h2", { text: post.t || post.p }),
        h("div", { className: "path", text: post.p + (post.m ? "（" + post.m + "）" : "") }),
        h("div", { className: "counts" }, counts.map(function (n, severity) {
          return h("span", { className: "sev-" + severityName(severity), text: SEVERITY_LABELS[severityName(severity)] + " " + n });
        }))
      ]),
      h("div", { className: "detail-nav" }, [
        previous >= 0 ? h("a", { href: "#post=" + previous, text: "← 前の記事" }) : null,
        next >= 0 ? h("a", { href: "#post=" + next, text: "次の記事 →" }) : null,
        h("a", { href: "#posts", text: "一覧に戻る" })
      ])
    ]);
  }

  function sourceView(lines, findings, i) {
    var segments = new Map(), notes = new Map();
    function add(map, key, value) { if (!map.has(key)) map.set(key, []); map.get(key).push(value); }
    findings.forEach(function (f) {
      var first = lines.clamp(f.line), last = lines.clamp(Math.max(f.endLine, f.line));
      add(notes, first, f);
      for (var n = first; n <= last; n++) {
        var start = n === f.line ? lines.unit(n, f.column) : 0;
        var end = n === f.endLine ? lines.unit(n, f.endColumn) : lines.text(n).length;
        if (end > start || n === first) add(segments, n, { start: start, end: Math.max(start, end), f: f });
      }
    });
    var rows = [];
    for (var n = 1; n <= lines.count(); n++) {
      var here = segments.get(n), noted = notes.get(n);
      rows.push(h("tr", { id: "src-L" + n, className: here ? "has-finding" : null }, [
        h("td", { className: "ln" }, [h("a", { href: "#post=" + i + "&line=" + n, text: n })]),
        h("td", { className: "code" }, here ? highlighted(lines.text(n), here) : [lines.text(n)]),
        h("td", { className: "notes" }, noted ? noted.map(function (f) { return note(f, i, lines); }) : [])
      ]));
    }
    var view = h("table", { className: "source" }, [h("tbody", {}, rows)]);
    view.addEventListener("click", function (event) {
      var marked = event.target.closest("[data-f]");
      if (marked) location.hash = "post=" + i + "&finding=" + marked.dataset.f.split(" ")[0];
    });
    return view;
  }

  /* The line cut where any finding starts or ends; each piece marked with the findings covering it. */
  function highlighted(text, segments) {
    var cuts = new Set([0, text.length]);
    segments.forEach(function (s) { cuts.add(s.start); cuts.add(s.end); });
    var points = Array.from(cuts).sort(function (a, b) { return a - b; });
    var out = [];
    points.forEach(function (a, p) {
      segments.forEach(function (s) {
        if (s.start === a && s.end === a) {
          out.push(h("span", { className: "caret", "data-f": s.f.k, title: RULES[s.f.rule] + ": " + s.f.message }));
        }
      });
      var b = points[p + 1];
      if (b === undefined || b <= a) return;
      var covering = segments.filter(function (s) { return s.start <= a && s.end >= b && s.end > s.start; });
      if (!covering.length) { out.push(text.slice(a, b)); return; }
      var worst = Math.min.apply(null, covering.map(function (s) { return s.f.severity; }));
      out.push(h("mark", {
        className: "hl sev-" + severityName(worst) + (covering.length > 1 ? " multi" : ""),
        "data-f": covering.map(function (s) { return s.f.k; }).join(" "),
        title: covering.map(function (s) { return RULES[s.f.rule] + ": " + s.f.message; }).join("\n")
      }, [text.slice(a, b)]));
    });
    return out;
  }

  function note(f, i, lines) {
    var severity = severityName(f.severity);
    return h("div", { className: "note sev-" + severity, id: "finding-" + f.k }, [
      h("div", { className: "note-head" }, [
        h("span", { className: "badge sev-" + severity, text: SEVERITY_LABELS[severity] }),
        h("code", { className: "rule", text: RULES[f.rule] }),
        h("a", { className: "where", href: "#post=" + i + "&finding=" + f.k,
                 text: f.line + ":" + f.column + (f.endLine !== f.line || f.endColumn !== f.column ? "–" + f.endLine + ":" + f.endColumn : "") })
      ]),
      h("p", { className: "message", text: f.message }),
      f.related.length ? relatedList(f, i) : null,
      f.fix ? fixPreview(f.fix, lines) : null
    ]);
  }

  function relatedList(f, i) {
    return h("ul", { className: "related" }, f.related.map(function (place) {
      var post = place[0], path = place[1], line = place[2], column = place[3], message = place[4];
      var label = post === i ? "この記事の " + line + ":" + column : path + ":" + line + ":" + column;
      var target = post >= 0
        ? h("a", { href: "#post=" + post + "&line=" + line, text: label })
        : h("span", { className: "outside", title: "このレポートにない記事（指摘がないため）", text: label });
      return h("li", {}, ["関連: ", target, message ? " — " + message : ""]);
    }));
  }

  /* ---- fixes --------------------------------------------------------------------------- */

  function fixPreview(fix, lines) {
    var safe = fix[0] === "safe";
    var details = h("details", { className: "fix fix-" + (safe ? "safe" : "unsafe") }, [
      h("summary", {}, [
        h("span", { className: "fix-kind", text: safe ? "安全な修正案" : "要確認の修正案" }),
        safe ? "（jalint check --fix で適用）" : "（jalint check --fix --unsafe-fixes で適用）"
      ])
    ]);
    details.addEventListener("toggle", function () {
      if (!details.open || details.dataset.filled) return;
      details.dataset.filled = "1";
      details.append(lines ? fixDiff(fix[1], lines) : fixEdits(fix[1]));
    });
    return details;
  }

  /* The lines the fix touches before and after it, with what it deletes and inserts marked.
     Like jalint.fixes.apply_edits: edits are applied at once, in order, on the text as it is. */
  function fixDiff(edits, lines) {
    var first = lines.clamp(Math.min.apply(null, edits.map(function (e) { return e[0]; })));
    var last = lines.clamp(Math.max.apply(null, edits.map(function (e) { return e[2]; })));
    var starts = [], block = [];
    for (var n = first, offset = 0; n <= last; n++) {
      starts.push(offset);
      block.push(lines.text(n));
      offset += lines.text(n).length + 1;
    }
    var text = block.join("\n");
    function at(line, column) {
      if (line < first) return 0;
      if (line > last) return text.length;
      return starts[line - first] + lines.unit(line, column);
    }
    var changes = edits.map(function (e) { return [at(e[0], e[1]), at(e[2], e[3]), e[4]]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var before = [], after = [], cursor = 0;
    changes.forEach(function (change) {
      if (change[0] < cursor) return;  // an overlapping edit: never produced by a rule
      var same = text.slice(cursor, change[0]);
      before.push(["same", same]);
      after.push(["same", same]);
      if (change[1] > change[0]) before.push(["del", text.slice(change[0], change[1])]);
      if (change[2]) after.push(["ins", change[2]]);
      cursor = change[1];
    });
    before.push(["same", text.slice(cursor)]);
    after.push(["same", text.slice(cursor)]);
    return h("div", { className: "diff" }, [
      h("div", { className: "side before" }, [h("div", { className: "side-label", text: "修正前（" + first + "〜" + last + " 行）" }), h("pre", {}, pieces(before))]),
      h("div", { className: "side after" }, [h("div", { className: "side-label", text: "修正後" }), h("pre", {}, pieces(after))])
    ]);
  }

  function pieces(list) {
    return list.map(function (piece, n) {
      var kind = piece[0], text = piece[1];
      if (kind !== "same") return h(kind, { text: shorten(text) });
      if (n === 0) return text.length > CONTEXT ? "…" + text.slice(-CONTEXT) : text;
      if (n === list.length - 1) return text.length > CONTEXT ? text.slice(0, CONTEXT) + "…" : text;
      return text.length > 2 * CONTEXT ? text.slice(0, CONTEXT) + " … " + text.slice(-CONTEXT) : text;
    });
  }

  function shorten(text) {
    if (text.length <= LONG) return text;
    return text.slice(0, LONG / 2) + " …（全 " + Array.from(text).length + " 文字）… " + text.slice(-LONG / 2);
  }

  /* Without the source: what each edit does, by position. */
  function fixEdits(edits) {
    return h("ul", { className: "edits" }, edits.map(function (e) {
      var from = e[0] + ":" + e[1], to = e[2] + ":" + e[3], replacement = e[4];
      if (from === to) return h("li", {}, [from + " に ", h("ins", { text: shorten(replacement) }), " を挿入"]);
      if (!replacement) return h("li", { text: from + "–" + to + " を削除" });
      return h("li", {}, [from + "–" + to + " を ", h("ins", { text: shorten(replacement) }), " に置き換え"]);
    }));
  }

  /* ---- address: #post=<index or path>&line=<n> or &finding=<k> --------------------------- */

  function hashParams() {
    var params = new Map();
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at < 0) return;
      try { params.set(part.slice(0, at), decodeURIComponent(part.slice(at + 1))); } catch (error) { /* not ours */ }
    });
    return params;
  }

  function route() {
    var params = hashParams();
    if (!params.has("post")) return;
    var key = params.get("post");
    var i = /^\d+$/.test(key) && Number(key) < index.posts.length ? Number(key) : byPath.get(key);
    var detail = document.getElementById("detail");
    if (i === undefined) {
      detail.replaceChildren(h("p", { className: "no-source", text: "記事が見つかりません: " + key }));
      detail.hidden = false;
      current = -1;
      return;
    }
    if (i !== current) openPost(i);
    var target = null;
    document.querySelectorAll("mark.active, .caret.active").forEach(function (node) { node.classList.remove("active"); });
    if (params.has("finding")) {
      target = document.getElementById("finding-" + params.get("finding"));
      detail.querySelectorAll('[data-f~="' + CSS.escape(params.get("finding")) + '"]').forEach(function (node) {
        node.classList.add("active");
      });
    } else if (params.has("line")) {
      target = document.getElementById("src-L" + params.get("line"));
    }
    (target || detail).scrollIntoView({ block: target ? "center" : "start" });
    if (target) {
      target.classList.remove("flash");
      void target.offsetWidth;  // restart the animation
      target.classList.add("flash");
    }
  }

  setupTable();
  renderTable();
  window.addEventListener("hashchange", route);
  route();
})();
