/* The LKjIP narrative editor: a small toolbar over a contenteditable area that replaces each
 * section's textarea. The text is saved a few seconds after typing stops and on blur (POST to the
 * form's action with the section's version); a conflict shows the other person's saved text and
 * keeps the writer's own in the editor to merge. Without JavaScript the plain form works. */
(function () {
  "use strict";

  var DELAY = 2000;
  var labels = {};

  function readLabels() {
    var node = document.getElementById("lkjip-editor-labels");
    labels = node ? JSON.parse(node.textContent) : {};
  }

  function button(cmd, text, title) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm btn-outline-secondary";
    b.dataset.cmd = cmd;
    b.textContent = text;
    b.title = title || "";
    b.setAttribute("aria-label", title || text);
    return b;
  }

  // Pasted content becomes plain text (line breaks kept as paragraphs): no foreign styles,
  // scripts or images reach the editor; the server cleans again anyway.
  function pastePlain(event) {
    event.preventDefault();
    var text = (event.clipboardData || window.clipboardData).getData("text/plain") || "";
    var html = text
      .split(/\r?\n\r?\n/)
      .map(function (para) {
        var div = document.createElement("div");
        div.textContent = para;
        return "<p>" + div.innerHTML.replace(/\r?\n/g, "<br>") + "</p>";
      })
      .join("");
    document.execCommand("insertHTML", false, html);
  }

  function Editor(form) {
    this.form = form;
    this.textarea = form.querySelector("textarea[name=body]");
    this.version = form.querySelector("input[name=version]");
    this.status = form.querySelector(".lkjip-status");
    this.timer = null;
    this.saving = false;
    this.dirty = false;
    this.build();
  }

  Editor.prototype.build = function () {
    var self = this;
    var toolbar = document.createElement("div");
    toolbar.className = "lkjip-toolbar btn-group btn-group-sm mb-1 flex-wrap";
    toolbar.setAttribute("role", "toolbar");
    [
      ["bold", "B", labels.bold],
      ["italic", "I", labels.italic],
      ["underline", "U", labels.underline],
      ["insertUnorderedList", "• ", labels.bullets],
      ["insertOrderedList", "1.", labels.numbers],
      ["heading", "H", labels.heading],
      ["createLink", "🔗", labels.link],
    ].forEach(function (spec) {
      toolbar.appendChild(button(spec[0], spec[1], spec[2]));
    });
    var area = document.createElement("div");
    area.className = "lkjip-area form-control";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("aria-label", this.form.querySelector("label").textContent);
    // An empty section starts with a paragraph, so that typing writes <p>…</p>, not bare text.
    area.innerHTML = this.textarea.value.trim() || "<p><br></p>";
    this.area = area;
    this.textarea.hidden = true;
    this.textarea.parentNode.insertBefore(toolbar, this.textarea);
    this.textarea.parentNode.insertBefore(area, this.textarea);

    toolbar.addEventListener("mousedown", function (e) {
      e.preventDefault(); // keep the selection in the area
    });
    toolbar.addEventListener("click", function (e) {
      var b = e.target.closest("button[data-cmd]");
      if (!b) return;
      area.focus();
      var cmd = b.dataset.cmd;
      if (cmd === "heading") {
        var block = document.queryCommandValue("formatBlock").toLowerCase();
        document.execCommand("formatBlock", false, block === "h3" ? "<p>" : "<h3>");
      } else if (cmd === "createLink") {
        var url = window.prompt(labels.link_prompt || "https://", "https://");
        if (url && /^(https?:|mailto:)/i.test(url.trim())) {
          document.execCommand("createLink", false, url.trim());
        }
      } else {
        document.execCommand(cmd, false, null);
      }
      self.changed();
    });
    area.addEventListener("input", function () {
      self.changed();
    });
    area.addEventListener("paste", function (e) {
      pastePlain(e);
      self.changed();
    });
    area.addEventListener("blur", function () {
      if (self.dirty) self.save();
    });
    this.form.addEventListener("submit", function (e) {
      e.preventDefault();
      self.save();
    });
    document.execCommand("defaultParagraphSeparator", false, "p");
  };

  Editor.prototype.setStatus = function (text, kind) {
    this.status.textContent = text;
    this.status.dataset.state = kind;
  };

  Editor.prototype.changed = function () {
    var self = this;
    this.dirty = true;
    this.textarea.value = this.area.innerHTML;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () {
      self.save();
    }, DELAY);
  };

  Editor.prototype.save = function () {
    var self = this;
    window.clearTimeout(this.timer);
    if (this.saving) {
      this.timer = window.setTimeout(function () {
        self.save();
      }, DELAY);
      return;
    }
    this.textarea.value = this.area.innerHTML;
    this.saving = true;
    this.dirty = false;
    this.setStatus(labels.saving || "…", "saving");
    fetch(this.form.action, {
      method: "POST",
      body: new FormData(this.form),
      headers: { "X-Requested-With": "fetch", Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { status: response.status, data: data };
        });
      })
      .then(function (result) {
        self.saving = false;
        if (result.status === 200) {
          self.version.value = result.data.version;
          self.setStatus(labels.saved || "✓", "saved");
        } else if (result.status === 409) {
          self.conflict(result.data);
        } else {
          var errors = result.data.errors;
          var text = Array.isArray(errors) ? errors.join(" ") : "";
          self.setStatus((labels.error || "!") + (text ? ": " + text : ""), "error");
        }
      })
      .catch(function () {
        self.saving = false;
        self.dirty = true;
        self.setStatus(labels.error || "!", "error");
      });
  };

  // Show the other person's text above the editor, keep ours, and move on to their version so
  // that the next save (after merging) is a deliberate one.
  Editor.prototype.conflict = function (data) {
    var current = data.current || {};
    var box = this.form.querySelector(".lkjip-conflict");
    if (!box) {
      box = document.createElement("div");
      box.className = "alert alert-warning lkjip-conflict";
      box.setAttribute("role", "alert");
      this.form.insertBefore(box, this.form.firstChild);
    }
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "mb-1";
    p.textContent =
      (labels.theirs || "") + " (" + (current.updated_by || "") + ", " + (current.updated_at || "") + ")";
    var theirs = document.createElement("div");
    theirs.className = "lkjip-theirs border rounded p-2 bg-body";
    theirs.innerHTML = current.body || ""; // cleaned by the server when it was saved
    var keep = document.createElement("p");
    keep.className = "small mb-0 mt-1";
    keep.textContent = labels.keep || "";
    box.appendChild(p);
    box.appendChild(theirs);
    box.appendChild(keep);
    if (current.version !== undefined) this.version.value = current.version;
    this.setStatus(labels.conflict || "!", "conflict");
  };

  document.addEventListener("DOMContentLoaded", function () {
    readLabels();
    document.querySelectorAll("form.lkjip-editor").forEach(function (form) {
      form.lkjipEditor = new Editor(form);
    });
  });
})();
