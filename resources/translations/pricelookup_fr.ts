<?xml version='1.0' encoding='UTF-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/app.py" line="82"/>
        <source>Unexpected problem</source>
        <extracomment>fallback origin of "window shown after N ms" where the process start time is unknown</extracomment>
        <translation>Problème inattendu</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/app.py" line="83"/>
        <source>Price Lookup hit an unexpected problem ({kind}).</source>
        <translation>Price Lookup a rencontré un problème inattendu ({kind}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/app.py" line="85"/>
        <source>Details were written to {log}. Please send that file to support. Your data and the run journal are safe; you can carry on or restart Price Lookup.</source>
        <translation>Les détails sont dans {log}. Merci d’envoyer ce fichier au support. Vos données et le journal des recherches sont intacts ; vous pouvez continuer ou redémarrer Price Lookup.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="55"/>
        <source>Export to Excel</source>
        <translation>Exporter vers Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="57"/>
        <source>One row per offer (best for pivot tables)</source>
        <translation>Une ligne par offre (idéal pour les tableaux croisés dynamiques)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="58"/>
        <source>One row per code, offers side by side</source>
        <translation>Une ligne par code, offres côte à côte</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="66"/>
        <source>Column layout: at most this many offers side by side</source>
        <translation>Disposition en colonnes : au plus ce nombre d’offres côte à côte</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="68"/>
        <source>The workbook to write; your input file is never overwritten</source>
        <translation>Le classeur à écrire ; votre fichier d’entrée n’est jamais écrasé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="69"/>
        <source>Save As…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="77"/>
        <source>Layout:</source>
        <translation>Disposition :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="79"/>
        <source>Offers side by side:</source>
        <translation>Offres côte à côte :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="80"/>
        <source>File:</source>
        <translation>Fichier :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="82"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="99"/>
        <source>Save the workbook as</source>
        <translation>Enregistrer le classeur sous</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="100"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="109"/>
        <source>Choose a file name first.</source>
        <translation>Choisissez d’abord un nom de fichier.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="115"/>
        <source>That is your input file: choose another name so it is not overwritten.</source>
        <translation>C’est votre fichier d’entrée : choisissez un autre nom pour ne pas l’écraser.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="118"/>
        <source>The folder {folder} does not exist: choose another place.</source>
        <translation>Le dossier {folder} n’existe pas : choisissez un autre emplacement.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="128"/>
        <source>Export finished</source>
        <translation>Export terminé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="129"/>
        <source>Saved {name} ({rows} rows).</source>
        <translation>{name} enregistré ({rows} lignes).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="135"/>
        <source>{n} links were written as plain text: Excel allows about 65,000 links per sheet.</source>
        <translation>{n} liens ont été écrits en texte simple : Excel accepte environ 65 000 liens par feuille.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="138"/>
        <source>{n} very long texts were cut to Excel's cell limit.</source>
        <translation>{n} textes très longs ont été coupés à la limite d’une cellule Excel.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="141"/>
        <source>Open file</source>
        <translation>Ouvrir le fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="142"/>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
</context>
<context>
    <name>FileDrop</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="62"/>
        <source>“{name}” is a folder. Drop a single spreadsheet file ({kinds}) instead.</source>
        <extracomment>what the reader understands (the same list as `pricelookup validate`) the filter string of the Open dialog</extracomment>
        <translation>« {name} » est un dossier. Déposez plutôt un seul fichier tableur ({kinds}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="66"/>
        <source>“{path}” does not exist (it may have been moved or renamed). Choose File &gt; Open to find it.</source>
        <translation>« {path} » n’existe pas (il a peut-être été déplacé ou renommé). Utilisez Fichier &gt; Ouvrir pour le retrouver.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="70"/>
        <source>“{name}” is not a spreadsheet Price Lookup can read. Save it as one of: {kinds}, then open that file.</source>
        <translation>« {name} » n’est pas un tableur que Price Lookup sait lire. Enregistrez-le dans l’un de ces formats : {kinds}, puis ouvrez ce fichier.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="80"/>
        <source>Nothing usable was dropped. Drop a spreadsheet file from your file manager.</source>
        <translation>Rien d’utilisable n’a été déposé. Déposez un fichier tableur depuis votre gestionnaire de fichiers.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="82"/>
        <source>{count} items were dropped. Price Lookup works on one spreadsheet at a time: drop just one file.</source>
        <translation>{count} éléments ont été déposés. Price Lookup traite un tableur à la fois : déposez un seul fichier.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="87"/>
        <source>“{url}” is a web address. Download the file to your computer first, then drop the downloaded file.</source>
        <translation>« {url} » est une adresse web. Téléchargez d’abord le fichier sur votre ordinateur, puis déposez le fichier téléchargé.</translation>
    </message>
</context>
<context>
    <name>InputBar</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="26"/>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="57"/>
        <source>No file open</source>
        <translation>Aucun fichier ouvert</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="29"/>
        <source>The worksheet to read; changing it reads the file again</source>
        <translation>La feuille à lire ; la changer relit le fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="32"/>
        <source>The column holding the product codes; changing it checks the codes again</source>
        <translation>La colonne des codes produits ; la changer vérifie à nouveau les codes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="34"/>
        <source>CIP7 codes</source>
        <translation>Codes CIP7</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="35"/>
        <source>Treat 7-digit codes as French pharmacy CIP7 codes and convert them to CIP13</source>
        <translation>Traiter les codes à 7 chiffres comme des codes CIP7 et les convertir en CIP13</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="36"/>
        <source>Problems only</source>
        <translation>Problèmes seulement</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="37"/>
        <source>Show only rows that are invalid, empty, repaired, duplicated or restricted</source>
        <translation>N’afficher que les lignes invalides, vides, corrigées, en double ou à diffusion restreinte</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="38"/>
        <source>Sheet:</source>
        <translation>Feuille :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="40"/>
        <source>Code column:</source>
        <translation>Colonne des codes :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="57"/>
        <source>Your Snipcart catalogue</source>
        <translation>Votre catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="68"/>
        <source>Detected: {reason}
Pick another column to check it instead.</source>
        <translation>Détectée : {reason}
Choisissez une autre colonne pour la vérifier à la place.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="167"/>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="168"/>
        <source>Open a spreadsheet of product codes (Ctrl+O)</source>
        <translation>Ouvrir un tableur de codes produits (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="169"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="197"/>
        <source>&amp;Run</source>
        <translation>&amp;Lancer</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="170"/>
        <source>Look up every usable code (Ctrl+R)</source>
        <translation>Rechercher tous les codes utilisables (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="171"/>
        <source>&amp;Cancel run</source>
        <translation>&amp;Annuler la recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="172"/>
        <source>Stop the run (Esc); it can be resumed later</source>
        <translation>Arrêter la recherche (Échap) ; elle pourra être reprise</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="173"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="174"/>
        <source>Write the results to an Excel workbook (Ctrl+E)</source>
        <translation>Écrire les résultats dans un classeur Excel (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="175"/>
        <source>Export a &amp;previous run…</source>
        <translation>Exporter une recherche &amp;précédente…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="176"/>
        <source>Write a finished run's workbook again from the journal</source>
        <translation>Réécrire le classeur d’une recherche terminée à partir du journal</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="177"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="177"/>
        <source>Close Price Lookup</source>
        <translation>Fermer Price Lookup</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="178"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="179"/>
        <source>Keys, language and journal folder</source>
        <translation>Clés, langue et dossier du journal</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="180"/>
        <source>&amp;Sandbox mode (simulated data)</source>
        <translation>Mode &amp;bac à sable (données simulées)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="182"/>
        <source>Run against the built-in simulated services: no keys needed, nothing is paid, the data is made up</source>
        <translation>Utiliser les services simulés intégrés : aucune clé nécessaire, rien n’est payé, les données sont inventées</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="185"/>
        <source>&amp;About Price Lookup</source>
        <translation>À &amp;propos de Price Lookup</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="188"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="190"/>
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="202"/>
        <source>&amp;Settings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="204"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="206"/>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="217"/>
        <source>Sandbox — simulated data: prices, shops and products are made up and nothing is paid. Switch it off in the Run menu to use your real services.</source>
        <translation>Bac à sable — données simulées : prix, boutiques et produits sont inventés et rien n’est payé. Désactivez-le dans le menu Lancer pour utiliser vos vrais services.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="278"/>
        <source>Drop a spreadsheet of product codes here</source>
        <translation>Déposez ici un tableur de codes produits</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="284"/>
        <source>Excel (xlsx, xlsm, xls, xlsb), OpenDocument (ods) or text (csv, tsv, txt). Every code is checked before anything is looked up.</source>
        <translation>Excel (xlsx, xlsm, xls, xlsb), OpenDocument (ods) ou texte (csv, tsv, txt). Chaque code est vérifié avant toute recherche.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="289"/>
        <source>Open a spreadsheet…</source>
        <translation>Ouvrir un tableur…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="291"/>
        <source>Try the sample file</source>
        <translation>Essayer le fichier d’exemple</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="292"/>
        <source>Open the sample shipped with Price Lookup</source>
        <translation>Ouvrir l’exemple fourni avec Price Lookup</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="402"/>
        <source>Snipcart catalogue</source>
        <translation>Catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="405"/>
        <source>[Sandbox]</source>
        <translation>[Bac à sable]</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="416"/>
        <source>Open a spreadsheet</source>
        <translation>Ouvrir un tableur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="417"/>
        <source>Spreadsheets ({patterns});;All files (*)</source>
        <translation>Tableurs ({patterns});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="424"/>
        <source>A run is in progress: wait for it to end or cancel it first.</source>
        <translation>Une recherche est en cours : attendez sa fin ou annulez-la d’abord.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="428"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="442"/>
        <source>Cannot open this</source>
        <translation>Impossible d’ouvrir ceci</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="456"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="458"/>
        <source>Reading {name}…</source>
        <translation>Lecture de {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="475"/>
        <source>{name}: {rows} rows read, {unique} distinct codes to look up.</source>
        <translation>{name} : {rows} lignes lues, {unique} codes distincts à rechercher.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="479"/>
        <source>Tick “Problems only” to see the {n} rows that need a look.</source>
        <translation>Cochez « Problèmes seulement » pour voir les {n} lignes à examiner.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="482"/>
        <source>Opened {name}, sheet “{sheet}”, code column “{column}” ({reason}).</source>
        <translation>{name} ouvert, feuille « {sheet} », colonne des codes « {column} » ({reason}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="535"/>
        <source>Opening {name}</source>
        <translation>Ouverture de {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="562"/>
        <source>Importing your Snipcart catalogue…</source>
        <translation>Import de votre catalogue Snipcart…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="578"/>
        <source>&lt;b&gt;Your Snipcart catalogue&lt;/b&gt;</source>
        <translation>&lt;b&gt;Votre catalogue Snipcart&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="579"/>
        <source>Imported your Snipcart catalogue: {rows} products.</source>
        <translation>Catalogue Snipcart importé : {rows} produits.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="593"/>
        <source>Importing the Snipcart catalogue</source>
        <translation>Import du catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="671"/>
        <source>No recent files</source>
        <translation>Aucun fichier récent</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="675"/>
        <source>Clear the list</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="706"/>
        <source>Sandbox: simulated data</source>
        <translation>Bac à sable : données simulées</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="706"/>
        <source>Live services</source>
        <translation>Services réels</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="727"/>
        <source>About Price Lookup</source>
        <translation>À propos de Price Lookup</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="728"/>
        <source>Checks spreadsheets of product codes, looks them up in PriceAPI, adds OfficiScan and Monitorize prices and writes an Excel workbook.
Log file: {log}</source>
        <translation>Vérifie des tableurs de codes produits, les recherche dans PriceAPI, ajoute les prix OfficiScan et Monitorize et écrit un classeur Excel.
Fichier journal : {log}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="736"/>
        <source>Estimating the cost…</source>
        <translation>Estimation du coût…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="757"/>
        <source>&lt;b&gt;No estimate yet.&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;Pas encore d’estimation.&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="780"/>
        <source>Run started.</source>
        <translation>Recherche lancée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="783"/>
        <source>Running… press Esc to cancel.</source>
        <translation>Recherche en cours… Échap pour annuler.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="789"/>
        <source>Cancelling… submitted jobs stay in the journal.</source>
        <translation>Annulation… les lots déjà envoyés restent dans le journal.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="790"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="805"/>
        <source>Run {status}: {found} found, {failed} not found or failed, {credits} credits used, {cached} from cache.</source>
        <translation>Recherche {status} : {found} trouvés, {failed} introuvables ou en échec, {credits} crédits utilisés, {cached} repris du cache.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="811"/>
        <source>{service} could not be used: {problem}</source>
        <translation>{service} n’a pas pu être utilisé : {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="814"/>
        <source>Press Export (Ctrl+E) to save the workbook.</source>
        <translation>Cliquez sur Exporter (Ctrl+E) pour enregistrer le classeur.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="819"/>
        <source>finished</source>
        <translation>terminée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="819"/>
        <source>finished with gaps</source>
        <translation>terminée avec des manques</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="820"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="836"/>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="823"/>
        <source>The run</source>
        <translation>La recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="824"/>
        <source>The run stopped: {text}</source>
        <translation>La recherche s’est arrêtée : {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="825"/>
        <source>The run stopped.</source>
        <translation>La recherche s’est arrêtée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="826"/>
        <source>stopped</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="833"/>
        <source>Cancelled. Press Run again to continue where it stopped (nothing already paid is paid again).</source>
        <translation>Annulée. Cliquez à nouveau sur Lancer pour reprendre là où elle s’est arrêtée (rien de ce qui est déjà payé n’est payé deux fois).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="835"/>
        <source>Cancelled.</source>
        <translation>Annulée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="862"/>
        <source>your Snipcart catalogue</source>
        <translation>votre catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="867"/>
        <source>Resume the interrupted run?</source>
        <translation>Reprendre la recherche interrompue ?</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="868"/>
        <source>The look-up of {name} started {when} did not finish.</source>
        <translation>La recherche sur {name} lancée le {when} n’est pas terminée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="869"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="869"/>
        <source>Not now</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="871"/>
        <source>Jobs already submitted are collected, and codes already answered are not paid for again.</source>
        <translation>Les lots déjà envoyés sont récupérés et les codes déjà traités ne sont pas payés une seconde fois.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="890"/>
        <source>The input file is missing</source>
        <translation>Le fichier d’entrée est introuvable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="891"/>
        <source>The interrupted run read {path}, which is no longer there.</source>
        <translation>La recherche interrompue lisait {path}, qui n’existe plus.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="892"/>
        <source>Put the file back (or reconnect the drive) and choose Resume again when Price Lookup starts; submitted jobs stay in the journal.</source>
        <translation>Remettez le fichier en place (ou rebranchez le disque) et choisissez Reprendre au prochain démarrage ; les lots envoyés restent dans le journal.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="925"/>
        <source>Writing {name}…</source>
        <translation>Écriture de {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="926"/>
        <source>Writing {path} ({layout} layout)…</source>
        <translation>Écriture de {path} (disposition {layout})…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="927"/>
        <source>row</source>
        <translation>en lignes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="927"/>
        <source>column</source>
        <translation>en colonnes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="933"/>
        <source>Saved {name}.</source>
        <translation>{name} enregistré.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="934"/>
        <source>Saved {path}.</source>
        <translation>{path} enregistré.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="941"/>
        <source>The export</source>
        <translation>L’export</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="952"/>
        <source>No earlier runs</source>
        <translation>Aucune recherche précédente</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="952"/>
        <source>The journal holds no finished run to export yet.</source>
        <translation>Le journal ne contient encore aucune recherche terminée à exporter.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="961"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="971"/>
        <source>Reading the journal</source>
        <translation>Lecture du journal</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="981"/>
        <source>A run is in progress</source>
        <translation>Une recherche est en cours</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="982"/>
        <source>Stop the run and close Price Lookup?</source>
        <translation>Arrêter la recherche et fermer Price Lookup ?</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="983"/>
        <source>Stop and close</source>
        <translation>Arrêter et fermer</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="984"/>
        <source>Keep running</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="986"/>
        <source>Jobs already submitted stay in the journal: next time, Price Lookup offers to resume them without paying twice.</source>
        <translation>Les lots déjà envoyés restent dans le journal : la prochaine fois, Price Lookup proposera de les reprendre sans payer deux fois.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1004"/>
        <source>Cancelling the run, then closing…</source>
        <translation>Annulation de la recherche, puis fermeture…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="62"/>
        <source>Something went wrong</source>
        <translation>Un problème est survenu</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="65"/>
        <source>No {service} key yet</source>
        <translation>Pas encore de clé {service}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="65"/>
        <source>Price Lookup needs your {service} key for this.</source>
        <translation>Price Lookup a besoin de votre clé {service} pour cela.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="66"/>
        <source>Open Settings (Ctrl+,) and paste the key, or switch on sandbox mode in the Run menu to try with simulated data.</source>
        <translation>Ouvrez Paramètres (Ctrl+,) et collez la clé, ou activez le mode bac à sable dans le menu Lancer pour essayer avec des données simulées.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="70"/>
        <source>The file could not be read</source>
        <translation>Le fichier n’a pas pu être lu</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="70"/>
        <source>Check the file in your spreadsheet program, save a copy (as .xlsx or .csv) and open that copy.</source>
        <translation>Vérifiez le fichier dans votre tableur, enregistrez-en une copie (en .xlsx ou .csv) et ouvrez cette copie.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="73"/>
        <source>Setting not usable</source>
        <translation>Réglage inutilisable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="73"/>
        <source>Pick another sheet or column, or correct the setting, and try again.</source>
        <translation>Choisissez une autre feuille ou colonne, ou corrigez le réglage, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="76"/>
        <source>Key refused</source>
        <translation>Clé refusée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="76"/>
        <source>Open Settings (Ctrl+,), enter the key for {service}, press “Test connection”, then run again.</source>
        <translation>Ouvrez Paramètres (Ctrl+,), saisissez la clé {service}, cliquez sur « Tester la connexion », puis relancez.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="80"/>
        <source>Over budget: nothing was paid</source>
        <translation>Budget dépassé : rien n’a été payé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="80"/>
        <source>Raise the credit budget in the PriceAPI panel, look up fewer codes, or run again tomorrow.</source>
        <translation>Augmentez le budget de crédits dans l’onglet PriceAPI, recherchez moins de codes, ou relancez demain.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="83"/>
        <source>Quota exceeded</source>
        <translation>Quota dépassé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="83"/>
        <source>Run again when the quota resets (tomorrow); rows already answered are kept and not paid again.</source>
        <translation>Relancez quand le quota sera renouvelé (demain) ; les lignes déjà traitées sont conservées et ne sont pas payées à nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="86"/>
        <source>Service not reachable</source>
        <translation>Service injoignable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="86"/>
        <source>Check your network connection and try again later. The run is kept in the journal: Run again to resume it without paying twice.</source>
        <translation>Vérifiez votre connexion réseau et réessayez plus tard. La recherche est conservée dans le journal : relancez-la pour la reprendre sans payer deux fois.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="90"/>
        <source>Service error</source>
        <translation>Erreur du service</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="90"/>
        <source>Try again later. If it keeps happening, send the log file to support.</source>
        <translation>Réessayez plus tard. Si cela se reproduit, envoyez le fichier journal au support.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="93"/>
        <source>The workbook could not be written</source>
        <translation>Le classeur n’a pas pu être écrit</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="93"/>
        <source>Close the file if it is open in Excel, or choose another folder, then export again.</source>
        <translation>Fermez le fichier s’il est ouvert dans Excel, ou choisissez un autre dossier, puis exportez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="96"/>
        <source>The run journal cannot be used</source>
        <translation>Le journal des recherches est inutilisable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="96"/>
        <source>Start a new run instead of resuming, or choose another data folder in Settings.</source>
        <translation>Lancez une nouvelle recherche au lieu de reprendre, ou choisissez un autre dossier dans Paramètres.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="99"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="104"/>
        <source>the log file</source>
        <translation>le fichier journal</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="107"/>
        <source>An unexpected problem stopped this action ({kind}).</source>
        <translation>Un problème inattendu a interrompu cette action ({kind}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="109"/>
        <source>Details were written to {log}. Please send that file to support. Your data and the run journal are safe; you can try again.</source>
        <translation>Les détails sont dans {log}. Merci d’envoyer ce fichier au support. Vos données et le journal des recherches sont intacts ; vous pouvez réessayer.</translation>
    </message>
</context>
<context>
    <name>MonitorizePanel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="169"/>
        <source>Add competitor offers from Monitorize</source>
        <translation>Ajouter les offres concurrentes de Monitorize</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="171"/>
        <source>Monitorize products are matched to your rows by their reference; by default the reference is compared with the code</source>
        <translation>Les produits Monitorize sont rapprochés de vos lignes par leur référence ; par défaut la référence est comparée au code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="173"/>
        <source>Also fetch price history</source>
        <translation>Récupérer aussi l’historique des prix</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="175"/>
        <source>Match on:</source>
        <translation>Rapprocher par :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="192"/>
        <source>The code column</source>
        <translation>La colonne des codes</translation>
    </message>
</context>
<context>
    <name>OfficiscanPanel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="116"/>
        <source>Add pharmacy prices from OfficiScan</source>
        <translation>Ajouter les prix en pharmacie d’OfficiScan</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="119"/>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="120"/>
        <source>Price history to collect, up to 90 days</source>
        <translation>Historique des prix à récupérer, jusqu’à 90 jours</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="123"/>
        <source>All networks</source>
        <translation>Tous les réseaux</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="126"/>
        <source>Only this pharmacy network (type another name if needed)</source>
        <translation>Uniquement ce réseau de pharmacies (saisissez un autre nom si besoin)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="127"/>
        <source>Also fetch variants (sizes, packs)</source>
        <translation>Récupérer aussi les déclinaisons (tailles, lots)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="129"/>
        <source>History:</source>
        <translation>Historique :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="130"/>
        <source>Network:</source>
        <translation>Réseau :</translation>
    </message>
</context>
<context>
    <name>PriceApiPanel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="51"/>
        <source>Price comparison site or marketplace to search (see your PriceAPI dashboard)</source>
        <extracomment>a few of PriceAPI's sources; the combo is editable because the dashboard lists more per account ISO 3166 alpha-2, lower case, as PriceAPI expects OfficiScan networks seen in the documentation; free text is accepted</extracomment>
        <translation>Comparateur de prix ou place de marché à interroger (voir votre tableau de bord PriceAPI)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="55"/>
        <source>Country of the source, two lower-case letters (fr, de…)</source>
        <translation>Pays de la source, deux lettres minuscules (fr, de…)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="57"/>
        <source>First page of offers</source>
        <translation>Première page d’offres</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="58"/>
        <source>All pages (costs 1 credit per page)</source>
        <translation>Toutes les pages (1 crédit par page)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="59"/>
        <source>At least two shops</source>
        <translation>Au moins deux boutiques</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="60"/>
        <source>How many offers to collect per product</source>
        <translation>Combien d’offres récupérer par produit</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="62"/>
        <source>Updated daily</source>
        <translation>Mise à jour quotidienne</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="63"/>
        <source>Real time (costs double)</source>
        <translation>Temps réel (coûte le double)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="64"/>
        <source>Daily data may be up to a day old; real-time data is fetched now and costs twice as much</source>
        <translation>Les données quotidiennes peuvent dater d’un jour ; les données en temps réel sont collectées maintenant et coûtent deux fois plus</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="68"/>
        <source>no limit</source>
        <translation>sans limite</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="69"/>
        <source> credits</source>
        <translation> crédits</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="70"/>
        <source>The run stops before paying anything if its estimate is above this</source>
        <translation>La recherche s’arrête avant de payer quoi que ce soit si son estimation dépasse ce montant</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="71"/>
        <source>Also look up restricted and coupon codes</source>
        <translation>Rechercher aussi codes restreints et coupons</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="72"/>
        <source>In-store and coupon codes rarely match anything online; they cost credits too</source>
        <translation>Les codes internes et les coupons correspondent rarement à un produit en ligne ; ils coûtent aussi des crédits</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="73"/>
        <source>Source:</source>
        <translation>Source :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="74"/>
        <source>Country:</source>
        <translation>Pays :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="75"/>
        <source>Offers:</source>
        <translation>Offres :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="76"/>
        <source>Freshness:</source>
        <translation>Fraîcheur :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="77"/>
        <source>Budget:</source>
        <translation>Budget :</translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="41"/>
        <source>Reading the file</source>
        <translation>Lecture du fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="42"/>
        <source>Checking the codes</source>
        <translation>Vérification des codes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="43"/>
        <source>Planning the look-up</source>
        <translation>Préparation de la recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="44"/>
        <source>Looking up prices (PriceAPI)</source>
        <translation>Recherche des prix (PriceAPI)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="45"/>
        <source>Collecting pharmacy prices (OfficiScan)</source>
        <translation>Collecte des prix en pharmacie (OfficiScan)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="46"/>
        <source>Collecting competitor offers (Monitorize)</source>
        <translation>Collecte des offres concurrentes (Monitorize)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="47"/>
        <source>Importing your Snipcart catalogue</source>
        <translation>Import de votre catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="48"/>
        <source>Putting the results together</source>
        <translation>Assemblage des résultats</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="49"/>
        <source>Writing the workbook</source>
        <translation>Écriture du classeur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="50"/>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="58"/>
        <source>planned</source>
        <translation>prévu</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="59"/>
        <source>submitted</source>
        <translation>envoyé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="60"/>
        <source>waiting in queue</source>
        <translation>en file d’attente</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="61"/>
        <source>working</source>
        <translation>en cours</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="62"/>
        <source>finishing</source>
        <translation>en finition</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="63"/>
        <source>finished</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="64"/>
        <source>downloaded</source>
        <translation>téléchargé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="65"/>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="76"/>
        <source>about {s} s left</source>
        <translation>environ {s} s restantes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="79"/>
        <source>about {m} min {s} s left</source>
        <translation>environ {m} min {s} s restantes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="81"/>
        <source>about {h} h {m} min left</source>
        <translation>environ {h} h {m} min restantes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="125"/>
        <source>PriceAPI reports 100 % but is still finishing this job; it will be collected.</source>
        <translation>PriceAPI indique 100 % mais termine encore ce lot ; il sera récupéré.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="131"/>
        <source>Job</source>
        <translation>Lot</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="131"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="132"/>
        <source>Progress</source>
        <translation>Avancement</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="132"/>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="142"/>
        <source>Open a spreadsheet to see what a run would cost.</source>
        <translation>Ouvrez un tableur pour voir ce que coûterait une recherche.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="145"/>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="146"/>
        <source>Look up every usable code (Ctrl+R)</source>
        <translation>Rechercher tous les codes utilisables (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="147"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="148"/>
        <source>Stop the run (Esc); submitted jobs stay in the journal and can be resumed</source>
        <translation>Arrêter la recherche (Échap) ; les lots envoyés restent dans le journal et pourront être repris</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="149"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="150"/>
        <source>Write the results to an Excel workbook (Ctrl+E)</source>
        <translation>Écrire les résultats dans un classeur Excel (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="169"/>
        <source>PriceAPI bulk jobs of this run (up to 1,000 codes each)</source>
        <translation>Lots PriceAPI de cette recherche (jusqu’à 1 000 codes chacun)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="173"/>
        <source>What the run does appears here.</source>
        <translation>Le déroulement de la recherche s’affiche ici.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="222"/>
        <source>&lt;b&gt;Estimate:&lt;/b&gt; &lt;b&gt;{credits} credits&lt;/b&gt; for {codes} codes to look up (PriceAPI jobs: {jobs})</source>
        <translation>&lt;b&gt;Estimation :&lt;/b&gt; &lt;b&gt;{credits} crédits&lt;/b&gt; pour {codes} codes à rechercher (lots PriceAPI : {jobs})</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="225"/>
        <source>Answered from recent runs, free: {cached}</source>
        <translation>Repris de recherches récentes, gratuits : {cached}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="228"/>
        <source>Already paid in the interrupted run, collected without paying again: {n}</source>
        <translation>Déjà payés lors de la recherche interrompue, récupérés sans repayer : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="231"/>
        <source>Codes whose submission is uncertain (not sent again): {n}</source>
        <translation>Codes dont l’envoi est incertain (non renvoyés) : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="234"/>
        <source>With these offer settings a code may cost more than one credit.</source>
        <translation>Avec ces réglages d’offres, un code peut coûter plus d’un crédit.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="236"/>
        <source>Today's remaining quota: {remaining} credits</source>
        <translation>Quota restant aujourd’hui : {remaining} crédits</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="239"/>
        <source>(not enough: the run would stop before paying)</source>
        <translation>(insuffisant : la recherche s’arrêterait avant de payer)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="243"/>
        <source>Your budget: {budget} credits</source>
        <translation>Votre budget : {budget} crédits</translation>
    </message>
</context>
<context>
    <name>RunPickerDialog</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="162"/>
        <source>Export a previous run</source>
        <translation>Exporter une recherche précédente</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="164"/>
        <source>The workbook is written again from the journal: no service is called, nothing is paid.</source>
        <translation>Le classeur est réécrit à partir du journal : aucun service n’est appelé, rien n’est payé.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="168"/>
        <source>Started</source>
        <translation>Lancée le</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="168"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="168"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="168"/>
        <source>Run</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="180"/>
        <source>Snipcart catalogue</source>
        <translation>Catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="190"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
</context>
<context>
    <name>ServicePanels</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="291"/>
        <source>Snipcart</source>
        <translation>Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="292"/>
        <source>Market prices from price comparison sites (paid per code)</source>
        <translation>Prix du marché des comparateurs (payant par code)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="293"/>
        <source>Prices in online pharmacies</source>
        <translation>Prix des pharmacies en ligne</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="294"/>
        <source>Your competitors' offers as Monitorize tracks them</source>
        <translation>Les offres de vos concurrents suivies par Monitorize</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="295"/>
        <source>Your own shop's catalogue</source>
        <translation>Le catalogue de votre boutique</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="66"/>
        <source>Settings</source>
        <extracomment>QSettings keys shared with the main window and app start-up</extracomment>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="77"/>
        <source>Keys</source>
        <translation>Clés</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="78"/>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="93"/>
        <source>Keys are kept in your system's keyring, never in a file. Leave a field empty to keep the stored key.</source>
        <translation>Les clés sont conservées dans le trousseau du système, jamais dans un fichier. Laissez un champ vide pour garder la clé enregistrée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="98"/>
        <source>Sandbox mode is on: “Test connection” checks against the simulated services.</source>
        <translation>Le mode bac à sable est actif : « Tester la connexion » vérifie auprès des services simulés.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="105"/>
        <source>checking…</source>
        <translation>vérification…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="106"/>
        <source>Paste the {service} key here</source>
        <translation>Collez ici la clé {service}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="108"/>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="109"/>
        <source>Make one small call to {service} with this key</source>
        <translation>Faire un petit appel à {service} avec cette clé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="110"/>
        <source>Forget</source>
        <translation>Oublier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="111"/>
        <source>Remove the stored {service} key from the keyring</source>
        <translation>Retirer la clé {service} du trousseau</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="133"/>
        <source>set by an environment variable</source>
        <translation>définie par une variable d’environnement</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="135"/>
        <source>stored in the keyring</source>
        <translation>enregistrée dans le trousseau</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="137"/>
        <source>not set</source>
        <translation>non définie</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="143"/>
        <source>keyring not available</source>
        <translation>trousseau indisponible</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="149"/>
        <source>will be removed when you press OK</source>
        <translation>sera retirée quand vous cliquerez sur OK</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="156"/>
        <source>No key yet: paste the {service} key in the field first.</source>
        <translation>Pas encore de clé : collez d’abord la clé {service}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="160"/>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="165"/>
        <source>Connected: the key works.</source>
        <translation>Connecté : la clé fonctionne.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="180"/>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="184"/>
        <source>A new language applies the next time Price Lookup starts.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage de Price Lookup.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="187"/>
        <source>default folder</source>
        <translation>dossier par défaut</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="188"/>
        <source>Where the run journal is kept (lets runs resume and avoids paying twice)</source>
        <translation>Où est conservé le journal des recherches (permet de reprendre et évite de payer deux fois)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="189"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="194"/>
        <source>Remember recently opened files</source>
        <translation>Mémoriser les fichiers ouverts récemment</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="196"/>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="198"/>
        <source>Journal folder:</source>
        <translation>Dossier du journal :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="203"/>
        <source>Journal folder</source>
        <translation>Dossier du journal</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="221"/>
        <source>Saving the keys</source>
        <translation>Enregistrement des clés</translation>
    </message>
</context>
<context>
    <name>ShopPanel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="224"/>
        <source>Start from your own Snipcart catalogue instead of a file: its prices and stock travel with each row, so the workbook compares them with the market.</source>
        <extracomment>the analyst asked to start from the Snipcart catalogue instead of a file</extracomment>
        <translation>Partez de votre propre catalogue Snipcart au lieu d’un fichier : ses prix et son stock suivent chaque ligne, et le classeur les compare au marché.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="227"/>
        <source>Import my catalogue</source>
        <translation>Importer mon catalogue</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="228"/>
        <source>Use every product of your Snipcart shop as the input (needs a Snipcart key in Settings, or sandbox mode)</source>
        <translation>Utiliser tous les produits de votre boutique Snipcart comme entrée (nécessite une clé Snipcart dans Paramètres, ou le mode bac à sable)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="234"/>
        <source>A column of the input holding your own price: the workbook adds the gap to the lowest price and your rank among the shops</source>
        <translation>Une colonne de l’entrée avec votre propre prix : le classeur ajoute l’écart au prix le plus bas et votre rang parmi les boutiques</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="236"/>
        <source>Your price column:</source>
        <translation>Colonne de votre prix :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="252"/>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="261"/>
        <source>Input: your Snipcart catalogue.</source>
        <translation>Entrée : votre catalogue Snipcart.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="262"/>
        <source>Input: the open file.</source>
        <translation>Entrée : le fichier ouvert.</translation>
    </message>
</context>
<context>
    <name>SummaryBar</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="47"/>
        <source>Data rows read from the sheet</source>
        <translation>Lignes de données lues dans la feuille</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="48"/>
        <source>Codes that are correct as they are</source>
        <translation>Codes corrects tels quels</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="50"/>
        <source>Codes made usable by a safe repair (spaces removed, leading zeros restored…); hover a row for details</source>
        <translation>Codes rendus utilisables par une correction sûre (espaces retirés, zéros initiaux rétablis…) ; survolez une ligne pour le détail</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="51"/>
        <source>Codes that cannot be used; hover a row for the reason</source>
        <translation>Codes inutilisables ; survolez une ligne pour la raison</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="52"/>
        <source>Rows with no code</source>
        <translation>Lignes sans code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="54"/>
        <source>Rows repeating a code seen earlier: looked up once, results shared</source>
        <translation>Lignes répétant un code déjà vu : recherché une fois, résultats partagés</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="56"/>
        <source>Restricted-circulation or coupon codes: not looked up unless you ask for them</source>
        <translation>Codes à diffusion restreinte ou coupons : non recherchés sauf si vous le demandez</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="57"/>
        <source>Distinct usable codes: what a run looks up</source>
        <translation>Codes utilisables distincts : ce qu’une recherche interroge</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="95"/>
        <source>Rows: {n}</source>
        <translation>Lignes : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="95"/>
        <source>Valid: {n}</source>
        <translation>Valides : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="95"/>
        <source>Repaired: {n}</source>
        <translation>Corrigés : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="96"/>
        <source>Invalid: {n}</source>
        <translation>Invalides : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="96"/>
        <source>Empty: {n}</source>
        <translation>Vides : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="97"/>
        <source>Duplicates: {n}</source>
        <translation>Doublons : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="97"/>
        <source>Restricted: {n}</source>
        <translation>Restreints : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="98"/>
        <source>Distinct codes to look up: {n}</source>
        <translation>Codes distincts à rechercher : {n}</translation>
    </message>
</context>
<context>
    <name>TableModel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/row_status.py" line="42"/>
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/row_status.py" line="43"/>
        <source>repaired</source>
        <translation>corrigé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/row_status.py" line="44"/>
        <source>restricted</source>
        <translation>restreint</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/row_status.py" line="45"/>
        <source>duplicate</source>
        <translation>doublon</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/row_status.py" line="46"/>
        <source>empty</source>
        <translation>vide</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/row_status.py" line="47"/>
        <source>invalid</source>
        <translation>invalide</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="234"/>
        <source>Row number in the spreadsheet</source>
        <translation>Numéro de ligne dans le tableur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="249"/>
        <source>Code column: {reason}</source>
        <translation>Colonne des codes : {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="268"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="269"/>
        <source>GTIN-14</source>
        <translation>GTIN-14</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="270"/>
        <source>PriceAPI</source>
        <translation>PriceAPI</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="271"/>
        <source>Offers</source>
        <translation>Offres</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="272"/>
        <source>Lowest price</source>
        <translation>Prix le plus bas</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="273"/>
        <source>Pharmacies</source>
        <translation>Pharmacies</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="274"/>
        <source>Competitors</source>
        <translation>Concurrents</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="277"/>
        <source>What the check found; hover a row for the reason</source>
        <translation>Résultat de la vérification ; survolez une ligne pour la raison</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="278"/>
        <source>The code as it will be looked up (14 digits, leading zeros kept)</source>
        <translation>Le code tel qu’il sera recherché (14 chiffres, zéros initiaux conservés)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="279"/>
        <source>What PriceAPI answered for this code</source>
        <translation>La réponse de PriceAPI pour ce code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="280"/>
        <source>Number of shop offers found</source>
        <translation>Nombre d’offres de boutiques trouvées</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="281"/>
        <source>Lowest offer price (without shipping)</source>
        <translation>Prix de l’offre la moins chère (hors livraison)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="282"/>
        <source>OfficiScan: lowest latest price among the pharmacy networks</source>
        <translation>OfficiScan : prix le plus bas parmi les derniers relevés des réseaux de pharmacies</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="283"/>
        <source>Monitorize: lowest price among your competitors' offers</source>
        <translation>Monitorize : prix le plus bas parmi les offres de vos concurrents</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="332"/>
        <source>found</source>
        <translation>trouvé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="333"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="335"/>
        <source>{answer} (from an earlier run)</source>
        <translation>{answer} (d’une recherche précédente)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="338"/>
        <source>not looked up (unusable code)</source>
        <translation>non recherché (code inutilisable)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="340"/>
        <source>not looked up (restricted code)</source>
        <translation>non recherché (code restreint)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="341"/>
        <source>not looked up</source>
        <translation>non recherché</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="345"/>
        <source>Row {row}: {status}</source>
        <translation>Ligne {row} : {status}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="352"/>
        <source>Duplicate of row {row}: it gets the same results.</source>
        <translation>Doublon de la ligne {row} : il reçoit les mêmes résultats.</translation>
    </message>
</context>
</TS>