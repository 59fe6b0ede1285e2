"""The lookup run: plan, cost, PriceAPI jobs and polling, enrichment, progress, cancel.

Qt-free; the CLI and the GUI call the same door, :mod:`pricelookup.run.api`.

Modules: ``api`` (the one door), ``contracts`` (request, tuning, estimate,
summary), ``inputs`` (the file read and validated, or the Snipcart catalogue),
``planning`` (what the journal takes off the bill: the one planning step of
the estimate and the run), ``plan`` (chunks and credits; pure), ``engine`` (the
run), ``priceapi_jobs`` (jobs in flight), ``polling`` (adaptive poll schedule;
pure), ``enrichment`` (OfficiScan, Monitorize, Snipcart), ``progress`` (progress,
cancel, the stage reporter), ``queries`` (results and run lists rebuilt from
the journal), ``store`` (answers read back from the journal), ``table_store``
(the validated table beside it), ``codec`` (records <-> journal JSON),
``probe`` ("Test connection"), ``phrases`` (a service failure the journal keeps
as English, read back as the phrases the window translates), ``child_process`` (the run and the export for the
window, in child processes). The result types live outside: :mod:`pricelookup.results`,
:mod:`pricelookup.outcome`.

Decisions worth knowing
-----------------------
* **Never pay twice.** Each PriceAPI chunk is written to the journal (and
  flushed to disk) *before* its ``POST /jobs``; its job id right after. A
  chunk whose POST may have reached PriceAPI without an answer (a timeout or
  reset after sending, a crash or cancel mid-POST) is *uncertain*: PriceAPI
  has no way to list jobs, so it cannot be reconciled, and it is never sent
  again automatically. Its rows say "submission uncertain — not re-sent to
  avoid paying twice"; ``--resume --resend-uncertain`` (``RunRequest.
  resend_uncertain``) sends them again on the user's explicit request. A new
  run (without ``--resume``) of the same file is a new decision of the user's
  and asks them again.
* **Resume** (``--resume``) continues the newest unfinished run of the same
  input (file hash, sheet, code column; for Snipcart: the stored catalogue),
  the same look-up settings (``RunSettings.lookup_fingerprint``) and the same
  PriceAPI endpoint (job ids exist only there; ``--sandbox`` starts a new
  sandbox each time, so its runs cannot be resumed — use ``--sandbox-url``).
  Submitted jobs are polled and downloaded, never submitted again; answered
  codes are not asked again; enrichment continues where it stopped.
* **Cache.** Answers younger than the currentness window (20 h for
  daily_updated, 15 min for realtime; a realtime request only reuses realtime
  answers) from earlier runs with the same endpoint/source/country/key/
  completeness are reused instead of paid for (``RunResult.cached``).
  Product-level failures PriceAPI gave count as answers too.
* **Cost** is checked before anything is written or paid: values x pages
  (x2 realtime; all_pages / at_least_two_shops are estimated at one page and
  said to possibly cost more) against today's remaining quota and the budget.
* **Enrichment** failures never stop a run: ``RunResult.service_failures``.
* **Cancel** stops submitting and polling within a second; the run is
  ``cancelled`` in the journal and can be resumed or exported as it is.
"""
