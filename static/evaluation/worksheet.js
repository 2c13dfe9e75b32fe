/* The evaluator's worksheet: each row's form (value, note, version) is posted with fetch and the
   JSON answer updates the row's version and the live totals (per sub-component, component, the
   total and the grade) without reloading the page. A 409 shows the other person's saved value
   and note, and takes their version so that a second save is a deliberate overwrite. Without
   JavaScript the same forms post normally and the page reloads. */
(function () {
  "use strict";

  function labels() {
    var el = document.getElementById("ws-labels");
    return el ? JSON.parse(el.textContent) : {};
  }

  function setText(selector, text) {
    var el = document.querySelector(selector);
    if (el) {
      el.textContent = text;
    }
  }

  function showTotals(totals) {
    setText("#ws-total", totals.total);
    setText('[data-total="total"]', totals.total);
    setText("#ws-grade", totals.grade);
    setText("#ws-predikat", totals.predikat);
    setText("#ws-answered", String(totals.answered));
    Object.keys(totals.components).forEach(function (number) {
      var comp = totals.components[number];
      setText('[data-total="c' + number + '"]', comp.score);
      Object.keys(comp.subs).forEach(function (ref) {
        setText('[data-total="s' + number + ref + '"]', comp.subs[ref].score);
      });
    });
  }

  function message(form, text, ok) {
    var box = form.querySelector(".ws-message");
    if (box) {
      box.textContent = text;
      box.className = "small ws-message " + (ok ? "text-success" : "text-danger");
    }
  }

  function submit(event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("ws-form")) {
      return;
    }
    event.preventDefault();
    var text = labels();
    var submitter = event.submitter;
    var action = (submitter && submitter.getAttribute("formaction")) || form.getAttribute("action");
    var data = new FormData(form);
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    fetch(action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { status: response.status, body: body };
        });
      })
      .then(function (res) {
        var version = form.querySelector('input[name="version"]');
        if (res.status === 200) {
          version.value = res.body.answer.version;
          form.querySelector('select[name="label"]').value = res.body.answer.label;
          form.querySelector('textarea[name="note"]').value = res.body.answer.note;
          showTotals(res.body.totals);
          message(form, text.saved, true);
        } else if (res.status === 409) {
          var current = res.body.current;
          version.value = current.version;
          message(
            form,
            String(text.conflict)
              .replace("%(value)s", current.label || "–")
              .replace("%(note)s", current.note || "–"),
            false
          );
        } else {
          message(form, (res.body.errors || [text.failed]).join(" "), false);
        }
      })
      .catch(function () {
        message(form, text.failed, false);
      });
  }

  document.addEventListener("submit", submit);
})();
