// Lodestar console enhancements: streaming chat over server-sent events, live refresh of running jobs.
(() => {
  "use strict";

  const token = (form) => form.querySelector("input[name='__RequestVerificationToken']")?.value ?? "";

  const element = (tag, attributes = {}, text) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  };

  const citationUrl = (kb, c) =>
    `/console/documents/${encodeURIComponent(kb)}/${encodeURIComponent(c.documentId)}` +
    `?chunk=${encodeURIComponent(c.chunkId)}&start=${c.startOffset}&end=${c.endOffset}#cited`;

  // Answer text with each [n] turned into a link to its source passage; everything else stays plain text.
  const renderAnswer = (paragraph, text, kb, citations) => {
    const byIndex = new Map(citations.map((c) => [c.index, c]));
    let last = 0;
    for (const match of text.matchAll(/\[(\d+)\]/g)) {
      const citation = byIndex.get(Number(match[1]));
      if (!citation) continue;
      paragraph.append(text.slice(last, match.index));
      paragraph.append(element("a", { class: "cite", href: citationUrl(kb, citation), "aria-label": `Source ${citation.index}: ${citation.title}` }, match[0]));
      last = match.index + match[0].length;
    }
    paragraph.append(text.slice(last));
  };

  const renderSources = (bubble, kb, citations) => {
    if (citations.length === 0) return;
    const list = element("ol", { class: "sources", "aria-label": "Sources" });
    for (const c of citations) {
      const item = element("li", { value: String(c.index) });
      item.append(element("a", { href: citationUrl(kb, c) }, c.title || c.source));
      item.append(element("span", { class: "muted" }, ` · ${c.source}${c.headingPath ? " · " + c.headingPath : ""}`));
      item.append(element("blockquote", {}, c.snippet));
      list.append(item);
    }
    bubble.append(list);
  };

  const renderMeta = (bubble, answer, form) => {
    const meta = element("div", { class: "meta" });
    meta.append(element("span", { class: "badge", title: "Share of answer sentences supported by the cited passages" }, `Grounded ${Math.round(answer.groundedness * 100)}%`));
    meta.append(element("span", {}, answer.generator));
    bubble.append(meta);
    const rate = form.dataset.rateUrl;
    if (rate && answer.answerId) meta.append(ratingControls(rate.replace("{id}", encodeURIComponent(answer.answerId)), form));
  };

  const ratingControls = (url, form) => {
    const box = element("form", { class: "rating", "aria-label": "Rate this answer" });
    const comment = element("input", { type: "text", name: "comment", "aria-label": "Comment (optional)", placeholder: "Comment (optional)", maxlength: "1000" });
    const status = element("span", { class: "muted", role: "status" });
    const send = async (rating, button) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", RequestVerificationToken: token(form) },
        body: JSON.stringify({ rating, comment: comment.value }),
      });
      for (const b of box.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b === button && response.ok));
      status.textContent = response.ok ? "Thanks for the feedback." : "The rating was not saved.";
    };
    for (const [label, rating] of [["Helpful", "up"], ["Not helpful", "down"]]) {
      const button = element("button", { type: "button", class: "button", "aria-pressed": "false" }, label);
      button.addEventListener("click", () => send(rating, button));
      box.append(button);
    }
    box.append(comment, status);
    return box;
  };

  // Reads a text/event-stream body and calls onEvent(type, data) per event.
  const readEvents = async (response, onEvent) => {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let type = "message", data = "";
        for (const line of block.split("\n")) {
          if (line.startsWith("event:")) type = line.slice(6).trim();
          else if (line.startsWith("data:")) data += line.slice(5).trimStart();
        }
        onEvent(type, data);
      }
    }
  };

  const chat = document.getElementById("ask-form");
  if (chat) {
    const transcript = document.getElementById("transcript");
    const question = chat.querySelector("#question");
    const button = chat.querySelector("button[type='submit']");
    question.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); chat.requestSubmit(); }
    });
    chat.addEventListener("submit", async (event) => {
      event.preventDefault();
      const text = question.value.trim();
      if (!text) return;
      const kb = chat.querySelector("#kb").value;
      const asked = element("li", { class: "turn question" });
      asked.append(element("p", {}, text));
      const bubble = element("li", { class: "turn answer", "aria-busy": "true" });
      const status = element("p", { class: "status" }, "Searching the knowledge base…");
      bubble.append(status);
      transcript.append(asked, bubble);
      question.value = "";
      button.disabled = true;
      try {
        const response = await fetch(`/console/api/knowledge-bases/${encodeURIComponent(kb)}/ask`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "text/event-stream", RequestVerificationToken: token(chat) },
          body: JSON.stringify({ question: text, sessionId: chat.dataset.session }),
        });
        if (response.status === 401) { window.location.assign("/console/sign-in?ReturnUrl=%2Fconsole"); return; }
        if (!response.ok) {
          const problem = await response.json().catch(() => ({}));
          throw new Error(problem.detail || `The server answered ${response.status}.`);
        }
        await readEvents(response, (type, data) => {
          const payload = JSON.parse(data);
          if (type === "status") status.textContent = "Writing the answer…";
          else if (type === "delta") {
            // The draft grows as the model writes; the validated answer replaces it (citations checked, PII rules applied).
            let draft = bubble.querySelector(".draft");
            if (!draft) { status.textContent = ""; draft = element("p", { class: "draft", "data-testid": "answer-draft" }); bubble.append(draft); }
            draft.textContent += payload.text;
          }
          else if (type === "error") { status.className = "error"; status.setAttribute("role", "alert"); status.textContent = payload.message; }
          else if (type === "answer") {
            status.remove();
            bubble.querySelector(".draft")?.remove();
            const paragraph = element("p", { "data-testid": "answer-text" });
            renderAnswer(paragraph, payload.answer, kb, payload.citations);
            bubble.append(paragraph);
            renderSources(bubble, kb, payload.citations);
            renderMeta(bubble, payload, chat);
          }
        });
      } catch (error) {
        status.className = "error";
        status.setAttribute("role", "alert");
        status.textContent = error.message;
      } finally {
        bubble.removeAttribute("aria-busy");
        button.disabled = false;
        question.focus();
      }
    });
  }

  // A section marked data-live-refresh is re-fetched while its content says work is running.
  const live = () => document.querySelector("[data-live-refresh]");
  if (live()) {
    const timer = setInterval(async () => {
      const current = live();
      if (!current) { clearInterval(timer); return; }
      const response = await fetch(window.location.href, { headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const next = new DOMParser().parseFromString(await response.text(), "text/html").getElementById(current.id);
      if (next) current.replaceWith(next);
    }, 1500);
  }

  // The cited passage takes focus so keyboard and screen-reader users land on it.
  document.getElementById("cited")?.focus();
})();
