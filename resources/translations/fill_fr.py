"""French strings of the window, and the tool that puts them in the .ts and compiles the .qm.

Workflow (from the repository root) after changing user-visible strings::

    .venv/bin/python resources/translations/fill_fr.py

It runs ``pyside6-lupdate`` over ``desktop/pricelookup/gui`` (new strings are
added, vanished ones marked obsolete), fills every translation from
:data:`FR` below, and compiles ``pricelookup_fr.qm`` with
``pyside6-lrelease``. A source text missing from :data:`FR` is reported and
the script exits non-zero, so no English string slips into the French UI
unnoticed. Placeholders in braces (``{name}``) must be kept as they are.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TS = HERE / "pricelookup_fr.ts"
QM = HERE / "pricelookup_fr.qm"

FR: dict[str, str] = {
    # App
    "Unexpected problem": "Problème inattendu",
    "Price Lookup hit an unexpected problem ({kind}).": "Price Lookup a rencontré un problème inattendu ({kind}).",
    "Details were written to {log}. Please send that file to support. Your data and the run journal are safe; "
    "you can carry on or restart Price Lookup.":
        "Les détails sont dans {log}. Merci d’envoyer ce fichier au support. Vos données et le journal des "
        "recherches sont intacts ; vous pouvez continuer ou redémarrer Price Lookup.",
    # ExportDialog
    "Export to Excel": "Exporter vers Excel",
    "One row per offer (best for pivot tables)": "Une ligne par offre (idéal pour les tableaux croisés dynamiques)",
    "One row per code, offers side by side": "Une ligne par code, offres côte à côte",
    "Column layout: at most this many offers side by side": "Disposition en colonnes : au plus ce nombre d’offres côte à côte",
    "The workbook to write; your input file is never overwritten":
        "Le classeur à écrire ; votre fichier d’entrée n’est jamais écrasé",
    "Save As…": "Enregistrer sous…",
    "Layout:": "Disposition :",
    "Offers side by side:": "Offres côte à côte :",
    "File:": "Fichier :",
    "Export": "Exporter",
    "Save the workbook as": "Enregistrer le classeur sous",
    "Excel workbook (*.xlsx)": "Classeur Excel (*.xlsx)",
    "Choose a file name first.": "Choisissez d’abord un nom de fichier.",
    "That is your input file: choose another name so it is not overwritten.":
        "C’est votre fichier d’entrée : choisissez un autre nom pour ne pas l’écraser.",
    "The folder {folder} does not exist: choose another place.":
        "Le dossier {folder} n’existe pas : choisissez un autre emplacement.",
    "Export finished": "Export terminé",
    "Saved {name} ({rows} rows).": "{name} enregistré ({rows} lignes).",
    "{n} links were written as plain text: Excel allows about 65,000 links per sheet.":
        "{n} liens ont été écrits en texte simple : Excel accepte environ 65 000 liens par feuille.",
    "{n} very long texts were cut to Excel's cell limit.":
        "{n} textes très longs ont été coupés à la limite d’une cellule Excel.",
    "Open file": "Ouvrir le fichier",
    "Show in folder": "Afficher dans le dossier",
    # FileDrop
    "“{name}” is a folder. Drop a single spreadsheet file ({kinds}) instead.":
        "« {name} » est un dossier. Déposez plutôt un seul fichier tableur ({kinds}).",
    "“{path}” does not exist (it may have been moved or renamed). Choose File > Open to find it.":
        "« {path} » n’existe pas (il a peut-être été déplacé ou renommé). Utilisez Fichier > Ouvrir pour le retrouver.",
    "“{name}” is not a spreadsheet Price Lookup can read. Save it as one of: {kinds}, then open that file.":
        "« {name} » n’est pas un tableur que Price Lookup sait lire. Enregistrez-le dans l’un de ces formats : "
        "{kinds}, puis ouvrez ce fichier.",
    "Nothing usable was dropped. Drop a spreadsheet file from your file manager.":
        "Rien d’utilisable n’a été déposé. Déposez un fichier tableur depuis votre gestionnaire de fichiers.",
    "{count} items were dropped. Price Lookup works on one spreadsheet at a time: drop just one file.":
        "{count} éléments ont été déposés. Price Lookup traite un tableur à la fois : déposez un seul fichier.",
    "“{url}” is a web address. Download the file to your computer first, then drop the downloaded file.":
        "« {url} » est une adresse web. Téléchargez d’abord le fichier sur votre ordinateur, puis déposez le "
        "fichier téléchargé.",
    # InputBar
    "No file open": "Aucun fichier ouvert",
    "The worksheet to read; changing it reads the file again": "La feuille à lire ; la changer relit le fichier",
    "The column holding the product codes; changing it checks the codes again":
        "La colonne des codes produits ; la changer vérifie à nouveau les codes",
    "CIP7 codes": "Codes CIP7",
    "Treat 7-digit codes as French pharmacy CIP7 codes and convert them to CIP13":
        "Traiter les codes à 7 chiffres comme des codes CIP7 et les convertir en CIP13",
    "Problems only": "Problèmes seulement",
    "Show only rows that are invalid, empty, repaired, duplicated or restricted":
        "N’afficher que les lignes invalides, vides, corrigées, en double ou à diffusion restreinte",
    "Sheet:": "Feuille :",
    "Code column:": "Colonne des codes :",
    "Your Snipcart catalogue": "Votre catalogue Snipcart",
    "Detected: {reason}\nPick another column to check it instead.":
        "Détectée : {reason}\nChoisissez une autre colonne pour la vérifier à la place.",
    # MainWindow
    "&Open…": "&Ouvrir…",
    "Open a spreadsheet of product codes (Ctrl+O)": "Ouvrir un tableur de codes produits (Ctrl+O)",
    "&Run": "&Lancer",
    "Look up every usable code (Ctrl+R)": "Rechercher tous les codes utilisables (Ctrl+R)",
    "&Cancel run": "&Annuler la recherche",
    "Stop the run (Esc); it can be resumed later": "Arrêter la recherche (Échap) ; elle pourra être reprise",
    "&Export…": "&Exporter…",
    "Write the results to an Excel workbook (Ctrl+E)": "Écrire les résultats dans un classeur Excel (Ctrl+E)",
    "Export a &previous run…": "Exporter une recherche &précédente…",
    "Write a finished run's workbook again from the journal":
        "Réécrire le classeur d’une recherche terminée à partir du journal",
    "&Quit": "&Quitter",
    "Close Price Lookup": "Fermer Price Lookup",
    "&Settings…": "&Paramètres…",
    "Keys, language and journal folder": "Clés, langue et dossier du journal",
    "&Sandbox mode (simulated data)": "Mode &bac à sable (données simulées)",
    "Run against the built-in simulated services: no keys needed, nothing is paid, the data is made up":
        "Utiliser les services simulés intégrés : aucune clé nécessaire, rien n’est payé, les données sont inventées",
    "&About Price Lookup": "À &propos de Price Lookup",
    "&File": "&Fichier",
    "Open &Recent": "Fichiers &récents",
    "&Settings": "&Paramètres",
    "&Help": "&Aide",
    "Main": "Principale",
    "Sandbox — simulated data: prices, shops and products are made up and nothing is paid. "
    "Switch it off in the Run menu to use your real services.":
        "Bac à sable — données simulées : prix, boutiques et produits sont inventés et rien n’est payé. "
        "Désactivez-le dans le menu Lancer pour utiliser vos vrais services.",
    "Drop a spreadsheet of product codes here": "Déposez ici un tableur de codes produits",
    "Excel (xlsx, xlsm, xls, xlsb), OpenDocument (ods) or text (csv, tsv, txt). "
    "Every code is checked before anything is looked up.":
        "Excel (xlsx, xlsm, xls, xlsb), OpenDocument (ods) ou texte (csv, tsv, txt). "
        "Chaque code est vérifié avant toute recherche.",
    "Open a spreadsheet…": "Ouvrir un tableur…",
    "Try the sample file": "Essayer le fichier d’exemple",
    "Open the sample shipped with Price Lookup": "Ouvrir l’exemple fourni avec Price Lookup",
    "Snipcart catalogue": "Catalogue Snipcart",
    "[Sandbox]": "[Bac à sable]",
    "Open a spreadsheet": "Ouvrir un tableur",
    "Spreadsheets ({patterns});;All files (*)": "Tableurs ({patterns});;Tous les fichiers (*)",
    "A run is in progress: wait for it to end or cancel it first.":
        "Une recherche est en cours : attendez sa fin ou annulez-la d’abord.",
    "Cannot open this": "Impossible d’ouvrir ceci",
    "Reading {name}…": "Lecture de {name}…",
    "{name}: {rows} rows read, {unique} distinct codes to look up.":
        "{name} : {rows} lignes lues, {unique} codes distincts à rechercher.",
    "Opened {name}, sheet “{sheet}”, code column “{column}” ({reason}).":
        "{name} ouvert, feuille « {sheet} », colonne des codes « {column} » ({reason}).",
    "Opening {name}": "Ouverture de {name}",
    "Importing your Snipcart catalogue…": "Import de votre catalogue Snipcart…",
    "<b>Your Snipcart catalogue</b>": "<b>Votre catalogue Snipcart</b>",
    "Imported your Snipcart catalogue: {rows} products.": "Catalogue Snipcart importé : {rows} produits.",
    "Importing the Snipcart catalogue": "Import du catalogue Snipcart",
    "No recent files": "Aucun fichier récent",
    "Clear the list": "Vider la liste",
    "Sandbox: simulated data": "Bac à sable : données simulées",
    "Live services": "Services réels",
    "About Price Lookup": "À propos de Price Lookup",
    "Checks spreadsheets of product codes, looks them up in PriceAPI, adds OfficiScan and Monitorize prices "
    "and writes an Excel workbook.\nLog file: {log}":
        "Vérifie des tableurs de codes produits, les recherche dans PriceAPI, ajoute les prix OfficiScan et "
        "Monitorize et écrit un classeur Excel.\nFichier journal : {log}",
    "Estimating the cost…": "Estimation du coût…",
    "<b>No estimate yet.</b> {text}": "<b>Pas encore d’estimation.</b> {text}",
    "Run started.": "Recherche lancée.",
    "Running… press Esc to cancel.": "Recherche en cours… Échap pour annuler.",
    "Cancelling… submitted jobs stay in the journal.": "Annulation… les lots déjà envoyés restent dans le journal.",
    "Cancelling…": "Annulation…",
    "Run {status}: {found} found, {failed} not found or failed, {credits} credits used, {cached} from cache.":
        "Recherche {status} : {found} trouvés, {failed} introuvables ou en échec, {credits} crédits utilisés, "
        "{cached} repris du cache.",
    "{service} could not be used: {problem}": "{service} n’a pas pu être utilisé : {problem}",
    "Press Export (Ctrl+E) to save the workbook.": "Cliquez sur Exporter (Ctrl+E) pour enregistrer le classeur.",
    "finished": "terminée",
    "finished with gaps": "terminée avec des manques",
    "cancelled": "annulée",
    "The run": "La recherche",
    "The run stopped: {text}": "La recherche s’est arrêtée : {text}",
    "The run stopped.": "La recherche s’est arrêtée.",
    "stopped": "arrêtée",
    "Cancelled. Press Run again to continue where it stopped (nothing already paid is paid again).":
        "Annulée. Cliquez à nouveau sur Lancer pour reprendre là où elle s’est arrêtée (rien de ce qui est "
        "déjà payé n’est payé deux fois).",
    "Cancelled.": "Annulée.",
    "your Snipcart catalogue": "votre catalogue Snipcart",
    "Resume the interrupted run?": "Reprendre la recherche interrompue ?",
    "The look-up of {name} started {when} did not finish.": "La recherche sur {name} lancée le {when} n’est pas terminée.",
    "Resume": "Reprendre",
    "Not now": "Plus tard",
    "Jobs already submitted are collected, and codes already answered are not paid for again.":
        "Les lots déjà envoyés sont récupérés et les codes déjà traités ne sont pas payés une seconde fois.",
    "The input file is missing": "Le fichier d’entrée est introuvable",
    "The interrupted run read {path}, which is no longer there.":
        "La recherche interrompue lisait {path}, qui n’existe plus.",
    "Put the file back (or reconnect the drive) and choose Resume again when Price Lookup starts; "
    "submitted jobs stay in the journal.":
        "Remettez le fichier en place (ou rebranchez le disque) et choisissez Reprendre au prochain démarrage ; "
        "les lots envoyés restent dans le journal.",
    "Writing {name}…": "Écriture de {name}…",
    "Writing {path} ({layout} layout)…": "Écriture de {path} (disposition {layout})…",
    "row": "en lignes",
    "column": "en colonnes",
    "Saved {name}.": "{name} enregistré.",
    "Saved {path}.": "{path} enregistré.",
    "The export": "L’export",
    "No earlier runs": "Aucune recherche précédente",
    "The journal holds no finished run to export yet.": "Le journal ne contient encore aucune recherche terminée à exporter.",
    "Reading the journal": "Lecture du journal",
    "A run is in progress": "Une recherche est en cours",
    "Stop the run and close Price Lookup?": "Arrêter la recherche et fermer Price Lookup ?",
    "Stop and close": "Arrêter et fermer",
    "Keep running": "Continuer",
    "Jobs already submitted stay in the journal: next time, Price Lookup offers to resume them without paying twice.":
        "Les lots déjà envoyés restent dans le journal : la prochaine fois, Price Lookup proposera de les reprendre "
        "sans payer deux fois.",
    "Cancelling the run, then closing…": "Annulation de la recherche, puis fermeture…",
    # Messages
    "Something went wrong": "Un problème est survenu",
    "No {service} key yet": "Pas encore de clé {service}",
    "Price Lookup needs your {service} key for this.": "Price Lookup a besoin de votre clé {service} pour cela.",
    "Open Settings (Ctrl+,) and paste the key, or switch on sandbox mode in the Run menu to try with simulated data.":
        "Ouvrez Paramètres (Ctrl+,) et collez la clé, ou activez le mode bac à sable dans le menu Lancer pour "
        "essayer avec des données simulées.",
    "The file could not be read": "Le fichier n’a pas pu être lu",
    "Check the file in your spreadsheet program, save a copy (as .xlsx or .csv) and open that copy.":
        "Vérifiez le fichier dans votre tableur, enregistrez-en une copie (en .xlsx ou .csv) et ouvrez cette copie.",
    "Setting not usable": "Réglage inutilisable",
    "Pick another sheet or column, or correct the setting, and try again.":
        "Choisissez une autre feuille ou colonne, ou corrigez le réglage, puis réessayez.",
    "Key refused": "Clé refusée",
    "Open Settings (Ctrl+,), enter the key for {service}, press “Test connection”, then run again.":
        "Ouvrez Paramètres (Ctrl+,), saisissez la clé {service}, cliquez sur « Tester la connexion », puis "
        "relancez.",
    "Over budget: nothing was paid": "Budget dépassé : rien n’a été payé",
    "Raise the credit budget in the PriceAPI panel, look up fewer codes, or run again tomorrow.":
        "Augmentez le budget de crédits dans l’onglet PriceAPI, recherchez moins de codes, ou relancez demain.",
    "Quota exceeded": "Quota dépassé",
    "Run again when the quota resets (tomorrow); rows already answered are kept and not paid again.":
        "Relancez quand le quota sera renouvelé (demain) ; les lignes déjà traitées sont conservées et ne sont "
        "pas payées à nouveau.",
    "Service not reachable": "Service injoignable",
    "Check your network connection and try again later. The run is kept in the journal: "
    "Run again to resume it without paying twice.":
        "Vérifiez votre connexion réseau et réessayez plus tard. La recherche est conservée dans le journal : "
        "relancez-la pour la reprendre sans payer deux fois.",
    "Service error": "Erreur du service",
    "Try again later. If it keeps happening, send the log file to support.":
        "Réessayez plus tard. Si cela se reproduit, envoyez le fichier journal au support.",
    "The workbook could not be written": "Le classeur n’a pas pu être écrit",
    "Close the file if it is open in Excel, or choose another folder, then export again.":
        "Fermez le fichier s’il est ouvert dans Excel, ou choisissez un autre dossier, puis exportez à nouveau.",
    "The run journal cannot be used": "Le journal des recherches est inutilisable",
    "Start a new run instead of resuming, or choose another data folder in Settings.":
        "Lancez une nouvelle recherche au lieu de reprendre, ou choisissez un autre dossier dans Paramètres.",
    "Cancelled": "Annulé",
    "the log file": "le fichier journal",
    "An unexpected problem stopped this action ({kind}).": "Un problème inattendu a interrompu cette action ({kind}).",
    "Details were written to {log}. Please send that file to support. Your data and the run journal are safe; "
    "you can try again.":
        "Les détails sont dans {log}. Merci d’envoyer ce fichier au support. Vos données et le journal des "
        "recherches sont intacts ; vous pouvez réessayer.",
    # MonitorizePanel
    "Add competitor offers from Monitorize": "Ajouter les offres concurrentes de Monitorize",
    "Monitorize products are matched to your rows by their reference; by default the reference is compared "
    "with the code":
        "Les produits Monitorize sont rapprochés de vos lignes par leur référence ; par défaut la référence est "
        "comparée au code",
    "Also fetch price history": "Récupérer aussi l’historique des prix",
    "Match on:": "Rapprocher par :",
    "The code column": "La colonne des codes",
    # OfficiscanPanel
    "Add pharmacy prices from OfficiScan": "Ajouter les prix en pharmacie d’OfficiScan",
    " days": " jours",
    "Price history to collect, up to 90 days": "Historique des prix à récupérer, jusqu’à 90 jours",
    "All networks": "Tous les réseaux",
    "Only this pharmacy network (type another name if needed)":
        "Uniquement ce réseau de pharmacies (saisissez un autre nom si besoin)",
    "Also fetch variants (sizes, packs)": "Récupérer aussi les déclinaisons (tailles, lots)",
    "History:": "Historique :",
    "Network:": "Réseau :",
    # PriceApiPanel
    "Price comparison site or marketplace to search (see your PriceAPI dashboard)":
        "Comparateur de prix ou place de marché à interroger (voir votre tableau de bord PriceAPI)",
    "Country of the source, two lower-case letters (fr, de…)": "Pays de la source, deux lettres minuscules (fr, de…)",
    "First page of offers": "Première page d’offres",
    "All pages (costs 1 credit per page)": "Toutes les pages (1 crédit par page)",
    "At least two shops": "Au moins deux boutiques",
    "How many offers to collect per product": "Combien d’offres récupérer par produit",
    "Updated daily": "Mise à jour quotidienne",
    "Real time (costs double)": "Temps réel (coûte le double)",
    "Daily data may be up to a day old; real-time data is fetched now and costs twice as much":
        "Les données quotidiennes peuvent dater d’un jour ; les données en temps réel sont collectées "
        "maintenant et coûtent deux fois plus",
    "no limit": "sans limite",
    " credits": " crédits",
    "The run stops before paying anything if its estimate is above this":
        "La recherche s’arrête avant de payer quoi que ce soit si son estimation dépasse ce montant",
    "Also look up restricted and coupon codes": "Rechercher aussi codes restreints et coupons",
    "In-store and coupon codes rarely match anything online; they cost credits too":
        "Les codes internes et les coupons correspondent rarement à un produit en ligne ; ils coûtent aussi "
        "des crédits",
    "Source:": "Source :",
    "Country:": "Pays :",
    "Offers:": "Offres :",
    "Freshness:": "Fraîcheur :",
    "Budget:": "Budget :",
    # RunPanel
    "Reading the file": "Lecture du fichier",
    "Checking the codes": "Vérification des codes",
    "Planning the look-up": "Préparation de la recherche",
    "Looking up prices (PriceAPI)": "Recherche des prix (PriceAPI)",
    "Collecting pharmacy prices (OfficiScan)": "Collecte des prix en pharmacie (OfficiScan)",
    "Collecting competitor offers (Monitorize)": "Collecte des offres concurrentes (Monitorize)",
    "Importing your Snipcart catalogue": "Import de votre catalogue Snipcart",
    "Putting the results together": "Assemblage des résultats",
    "Writing the workbook": "Écriture du classeur",
    "Done": "Terminé",
    "planned": "prévu",
    "submitted": "envoyé",
    "waiting in queue": "en file d’attente",
    "working": "en cours",
    "finishing": "en finition",
    "downloaded": "téléchargé",
    "failed": "en échec",
    "about {s} s left": "environ {s} s restantes",
    "about {m} min {s} s left": "environ {m} min {s} s restantes",
    "about {h} h {m} min left": "environ {h} h {m} min restantes",
    "PriceAPI reports 100 % but is still finishing this job; it will be collected.":
        "PriceAPI indique 100 % mais termine encore ce lot ; il sera récupéré.",
    "Job": "Lot",
    "Status": "État",
    "Progress": "Avancement",
    "Codes": "Codes",
    "Open a spreadsheet to see what a run would cost.": "Ouvrez un tableur pour voir ce que coûterait une recherche.",
    "Run": "Lancer",
    "Cancel": "Annuler",
    "Stop the run (Esc); submitted jobs stay in the journal and can be resumed":
        "Arrêter la recherche (Échap) ; les lots envoyés restent dans le journal et pourront être repris",
    "Export…": "Exporter…",
    "PriceAPI bulk jobs of this run (up to 1,000 codes each)": "Lots PriceAPI de cette recherche (jusqu’à 1 000 codes chacun)",
    "What the run does appears here.": "Le déroulement de la recherche s’affiche ici.",
    "<b>Estimate:</b> <b>{credits} credits</b> for {codes} codes to look up (PriceAPI jobs: {jobs})":
        "<b>Estimation :</b> <b>{credits} crédits</b> pour {codes} codes à rechercher (lots PriceAPI : {jobs})",
    "Answered from recent runs, free: {cached}": "Repris de recherches récentes, gratuits : {cached}",
    "Already paid in the interrupted run, collected without paying again: {n}":
        "Déjà payés lors de la recherche interrompue, récupérés sans repayer : {n}",
    "Codes whose submission is uncertain (not sent again): {n}": "Codes dont l’envoi est incertain (non renvoyés) : {n}",
    "With these offer settings a code may cost more than one credit.":
        "Avec ces réglages d’offres, un code peut coûter plus d’un crédit.",
    "Today's remaining quota: {remaining} credits": "Quota restant aujourd’hui : {remaining} crédits",
    "(not enough: the run would stop before paying)": "(insuffisant : la recherche s’arrêterait avant de payer)",
    "Your budget: {budget} credits": "Votre budget : {budget} crédits",
    # RunPickerDialog
    "Export a previous run": "Exporter une recherche précédente",
    "The workbook is written again from the journal: no service is called, nothing is paid.":
        "Le classeur est réécrit à partir du journal : aucun service n’est appelé, rien n’est payé.",
    "Started": "Lancée le",
    "File": "Fichier",
    # ServicePanels
    "Snipcart": "Snipcart",
    "Market prices from price comparison sites (paid per code)": "Prix du marché des comparateurs (payant par code)",
    "Prices in online pharmacies": "Prix des pharmacies en ligne",
    "Your competitors' offers as Monitorize tracks them": "Les offres de vos concurrents suivies par Monitorize",
    "Your own shop's catalogue": "Le catalogue de votre boutique",
    # SettingsDialog
    "Settings": "Paramètres",
    "Keys": "Clés",
    "General": "Général",
    "Keys are kept in your system's keyring, never in a file. Leave a field empty to keep the stored key.":
        "Les clés sont conservées dans le trousseau du système, jamais dans un fichier. Laissez un champ vide "
        "pour garder la clé enregistrée.",
    "Sandbox mode is on: “Test connection” checks against the simulated services.":
        "Le mode bac à sable est actif : « Tester la connexion » vérifie auprès des services simulés.",
    "checking…": "vérification…",
    "Paste the {service} key here": "Collez ici la clé {service}",
    "Test connection": "Tester la connexion",
    "Make one small call to {service} with this key": "Faire un petit appel à {service} avec cette clé",
    "Forget": "Oublier",
    "Remove the stored {service} key from the keyring": "Retirer la clé {service} du trousseau",
    "set by an environment variable": "définie par une variable d’environnement",
    "stored in the keyring": "enregistrée dans le trousseau",
    "not set": "non définie",
    "keyring not available": "trousseau indisponible",
    "will be removed when you press OK": "sera retirée quand vous cliquerez sur OK",
    "No key yet: paste the {service} key in the field first.": "Pas encore de clé : collez d’abord la clé {service}.",
    "Testing…": "Test en cours…",
    "Connected: the key works.": "Connecté : la clé fonctionne.",
    "Same as the system": "Comme le système",
    "A new language applies the next time Price Lookup starts.":
        "Une nouvelle langue s’applique au prochain démarrage de Price Lookup.",
    "default folder": "dossier par défaut",
    "Where the run journal is kept (lets runs resume and avoids paying twice)":
        "Où est conservé le journal des recherches (permet de reprendre et évite de payer deux fois)",
    "Choose…": "Choisir…",
    "Remember recently opened files": "Mémoriser les fichiers ouverts récemment",
    "Language:": "Langue :",
    "Journal folder:": "Dossier du journal :",
    "Journal folder": "Dossier du journal",
    "Saving the keys": "Enregistrement des clés",
    # ShopPanel
    "Start from your own Snipcart catalogue instead of a file: its prices and stock travel with each row, "
    "so the workbook compares them with the market.":
        "Partez de votre propre catalogue Snipcart au lieu d’un fichier : ses prix et son stock suivent chaque "
        "ligne, et le classeur les compare au marché.",
    "Import my catalogue": "Importer mon catalogue",
    "Use every product of your Snipcart shop as the input (needs a Snipcart key in Settings, or sandbox mode)":
        "Utiliser tous les produits de votre boutique Snipcart comme entrée (nécessite une clé Snipcart dans "
        "Paramètres, ou le mode bac à sable)",
    "A column of the input holding your own price: the workbook adds the gap to the lowest price and your rank "
    "among the shops":
        "Une colonne de l’entrée avec votre propre prix : le classeur ajoute l’écart au prix le plus bas et votre "
        "rang parmi les boutiques",
    "Your price column:": "Colonne de votre prix :",
    "None": "Aucune",
    "Input: your Snipcart catalogue.": "Entrée : votre catalogue Snipcart.",
    "Input: the open file.": "Entrée : le fichier ouvert.",
    # SummaryBar
    "Data rows read from the sheet": "Lignes de données lues dans la feuille",
    "Codes that are correct as they are": "Codes corrects tels quels",
    "Codes made usable by a safe repair (spaces removed, leading zeros restored…); hover a row for details":
        "Codes rendus utilisables par une correction sûre (espaces retirés, zéros initiaux rétablis…) ; survolez "
        "une ligne pour le détail",
    "Codes that cannot be used; hover a row for the reason": "Codes inutilisables ; survolez une ligne pour la raison",
    "Rows with no code": "Lignes sans code",
    "Rows repeating a code seen earlier: looked up once, results shared":
        "Lignes répétant un code déjà vu : recherché une fois, résultats partagés",
    "Restricted-circulation or coupon codes: not looked up unless you ask for them":
        "Codes à diffusion restreinte ou coupons : non recherchés sauf si vous le demandez",
    "Distinct usable codes: what a run looks up": "Codes utilisables distincts : ce qu’une recherche interroge",
    "Rows: {n}": "Lignes : {n}",
    "Valid: {n}": "Valides : {n}",
    "Repaired: {n}": "Corrigés : {n}",
    "Invalid: {n}": "Invalides : {n}",
    "Empty: {n}": "Vides : {n}",
    "Duplicates: {n}": "Doublons : {n}",
    "Restricted: {n}": "Restreints : {n}",
    "Distinct codes to look up: {n}": "Codes distincts à rechercher : {n}",
    # TableModel
    "valid": "valide",
    "repaired": "corrigé",
    "restricted": "restreint",
    "duplicate": "doublon",
    "empty": "vide",
    "invalid": "invalide",
    "Row number in the spreadsheet": "Numéro de ligne dans le tableur",
    "Code column: {reason}": "Colonne des codes : {reason}",
    "GTIN-14": "GTIN-14",
    "PriceAPI": "PriceAPI",
    "Offers": "Offres",
    "Lowest price": "Prix le plus bas",
    "What the check found; hover a row for the reason": "Résultat de la vérification ; survolez une ligne pour la raison",
    "The code as it will be looked up (14 digits, leading zeros kept)":
        "Le code tel qu’il sera recherché (14 chiffres, zéros initiaux conservés)",
    "What PriceAPI answered for this code": "La réponse de PriceAPI pour ce code",
    "Number of shop offers found": "Nombre d’offres de boutiques trouvées",
    "Lowest offer price (without shipping)": "Prix de l’offre la moins chère (hors livraison)",
    "found": "trouvé",
    "{answer} (from an earlier run)": "{answer} (d’une recherche précédente)",
    "not looked up (unusable code)": "non recherché (code inutilisable)",
    "not looked up (restricted code)": "non recherché (code restreint)",
    "not looked up": "non recherché",
    "Row {row}: {status}": "Ligne {row} : {status}",
    "Pharmacies": "Pharmacies",
    "Competitors": "Concurrents",
    "OfficiScan: lowest latest price among the pharmacy networks":
        "OfficiScan : prix le plus bas parmi les derniers relevés des réseaux de pharmacies",
    "Monitorize: lowest price among your competitors' offers":
        "Monitorize : prix le plus bas parmi les offres de vos concurrents",
    "Tick “Problems only” to see the {n} rows that need a look.":
        "Cochez « Problèmes seulement » pour voir les {n} lignes à examiner.",
    "Duplicate of row {row}: it gets the same results.": "Doublon de la ligne {row} : il reçoit les mêmes résultats.",
}

#: source texts whose translation depends on the context (same English, different French)
FR_BY_CONTEXT: dict[tuple[str, str], str] = {
    ("RunPanel", "finished"): "terminé",
    ("RunPanel", "failed"): "en échec",
    ("TableModel", "failed"): "échec",
    ("RunPickerDialog", "Run"): "Recherche",
    ("RunPickerDialog", "Status"): "État",
    ("MainWindow", "Snipcart catalogue"): "Catalogue Snipcart",
}


def _tool(name: str) -> str:
    candidate = Path(sys.executable).with_name(name)
    return str(candidate) if candidate.exists() else name


def main() -> int:
    """lupdate, fill from FR, lrelease; non-zero if a string has no translation."""
    from lxml import etree

    sources = sorted(str(p) for p in (ROOT / "desktop/pricelookup/gui").glob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-no-obsolete", "-source-language", "en",
                    "-target-language", "fr", "-ts", str(TS)], check=True)
    tree = etree.parse(str(TS))
    missing: list[str] = []
    placeholder = re.compile(r"\{[a-z_]+\}")
    for context in tree.findall("context"):
        ctx = context.findtext("name")
        for message in context.findall("message"):
            source = message.findtext("source") or ""
            text = FR_BY_CONTEXT.get((ctx, source), FR.get(source))
            translation = message.find("translation")
            if text is None:
                missing.append(f"{ctx}: {source!r}")
                continue
            if sorted(placeholder.findall(text)) != sorted(placeholder.findall(source)):
                missing.append(f"{ctx}: placeholders differ in {source!r}")
                continue
            translation.text = text
            translation.attrib.pop("type", None)
    tree.write(str(TS), encoding="utf-8", xml_declaration=True, doctype="<!DOCTYPE TS>")
    if missing:
        print("untranslated:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
