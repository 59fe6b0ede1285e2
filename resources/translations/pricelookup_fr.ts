<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/app.py" line="89"/>
        <source>Unexpected problem</source>
        <translation>Problème inattendu</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/app.py" line="90"/>
        <source>Price Lookup hit an unexpected problem ({kind}).</source>
        <translation>Price Lookup a rencontré un problème inattendu ({kind}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/app.py" line="92"/>
        <source>Details were written to {log}. Please send that file to support. Your data and the run journal are safe; you can carry on or restart Price Lookup.</source>
        <translation>Les détails sont dans {log}. Merci d’envoyer ce fichier au support. Vos données et le journal des recherches sont intacts ; vous pouvez continuer ou redémarrer Price Lookup.</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/detail_pane.py" line="214"/>
        <source>Select a row to see its product: every offer and the price history.</source>
        <extracomment>the selection must rest this long before the engine is asked (arrowing through rows asks nothing) ...but a held arrow key still refreshes the pane this often ``fetch(run_id, gtin14, on_done, on_error)``: ask the engine for one product (the bridge&apos;s task id back) a :class:`ProductDetail` was shown (tests, screenshots) the pane shows a sentence instead of a product (no run, no usable code, an error) opens an offer&apos;s page (tests replace it) answers that came back for a product no longer selected, and were dropped (tests)</extracomment>
        <translation>Sélectionnez une ligne pour voir son produit : toutes ses offres et l’historique de ses prix.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/detail_pane.py" line="250"/>
        <source>Enter or double-click: open the offer&apos;s page. Ctrl+C: copy the selected offers (or all) for Excel.</source>
        <translation>Entrée ou double-clic : ouvrir la page de l’offre. Ctrl+C : copier les offres sélectionnées (ou toutes) pour Excel.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/detail_pane.py" line="356"/>
        <source>Product page</source>
        <translation>Page du produit</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/detail_pane.py" line="370"/>
        <source>No offers</source>
        <translation>Aucune offre</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/detail_pane.py" line="480"/>
        <source>This product could not be read from the journal: {text}</source>
        <translation>Ce produit n’a pas pu être lu dans le journal : {text}</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <location filename="../../desktop/pricelookup/errors.py" line="76"/>
        <source>{path}: {message}</source>
        <extracomment>the journaled run the error stopped, when there was one (the faces name it: resume, export) the message as an English template and its parameters, when it was made from one; the window translates it (``str()`` and ``args`` keep the English text the CLI, log and journal use)</extracomment>
        <translation>{path} : {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/errors.py" line="97"/>
        <source>{service}: {message}</source>
        <extracomment>what every service error says: the service&apos;s name, then the message</extracomment>
        <translation>{service} : {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="342"/>
        <source>restricted circulation code (GS1 prefix 020-029): in-store or weighed item</source>
        <extracomment>removed from codes with a note (rule 2): C0 controls but tab, LF and CR, and DEL; the same set as the readers&apos; ``sheets.grid.CONTROL_PATTERN`` and what XML 1.0 cannot hold control characters that make a code invalid (C1; NEL U+0085 is whitespace) the flags that make a usable code &quot;repaired&quot;; the others (trimming the ends, zero decimals of a number, the text guard) leave it &quot;valid&quot;</extracomment>
        <translation>code à diffusion restreinte (préfixe GS1 020-029) : article en magasin ou au poids</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="343"/>
        <source>restricted circulation code (GS1 prefix 200-299): in-store or weighed item</source>
        <translation>code à diffusion restreinte (préfixe GS1 200-299) : article en magasin ou au poids</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="344"/>
        <source>restricted circulation code (GS1 prefix 040-049): company-internal</source>
        <translation>code à diffusion restreinte (préfixe GS1 040-049) : interne à l’entreprise</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="345"/>
        <source>coupon code (GS1 prefix 05)</source>
        <translation>code de bon de réduction (préfixe GS1 05)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="346"/>
        <source>refund receipt (GS1 prefix 980)</source>
        <translation>bon de remboursement (préfixe GS1 980)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="347"/>
        <source>coupon code (GS1 prefix 981-984)</source>
        <translation>code de bon de réduction (préfixe GS1 981-984)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="348"/>
        <source>coupon code (GS1 prefix 99)</source>
        <translation>code de bon de réduction (préfixe GS1 99)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="349"/>
        <source>restricted circulation code (GTIN-8 starting with 0): company-internal</source>
        <translation>code à diffusion restreinte (GTIN-8 commençant par 0) : interne à l’entreprise</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="350"/>
        <source>restricted circulation code (GTIN-8 starting with 2): company-internal</source>
        <translation>code à diffusion restreinte (GTIN-8 commençant par 2) : interne à l’entreprise</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="354"/>
        <source>digits lost by the spreadsheet; re-export the column as text</source>
        <extracomment>the reason given to numbers a spreadsheet has rounded or shown in scientific notation</extracomment>
        <translation>chiffres perdus par le tableur ; réexportez la colonne au format texte</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="356"/>
        <source>control characters removed</source>
        <extracomment>the note of a code that had control characters removed (rule 2); counted by validation</extracomment>
        <translation>caractères de contrôle retirés</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="358"/>
        <source>digits lost by Excel: it rounded the number to its first digits followed by zeros (shown as 2.53E+11), so those zeros are not the code&apos;s; import the original file again with this column as text</source>
        <extracomment>the reason given to numbers whose last digits Excel rounded to zeros (rule 11)</extracomment>
        <translation>chiffres perdus par Excel : il a arrondi le nombre à ses premiers chiffres suivis de zéros (affiché 2.53E+11), ces zéros ne sont donc pas ceux du code ; importez de nouveau le fichier d’origine avec cette colonne au format texte</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="363"/>
        <source>ISBN-10 {isbn} → {ean}</source>
        <extracomment>the note of an ISBN-10 converted to its EAN-13 (see &quot;ISBN-10&quot;)</extracomment>
        <translation>ISBN-10 {isbn} converti en {ean}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="364"/>
        <source>not a valid ISBN-10: the check digit should be {expected}, not {found}</source>
        <translation>ISBN-10 non valide : la clé devrait être {expected}, pas {found}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="371"/>
        <source>all zeros, not a code</source>
        <translation>uniquement des zéros, pas un code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="374"/>
        <source>a decimal number, not a code</source>
        <translation>un nombre décimal, pas un code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="375"/>
        <source>contains letters, not only digits</source>
        <translation>contient des lettres, pas seulement des chiffres</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="376"/>
        <source>contains a control character</source>
        <translation>contient un caractère de contrôle</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="377"/>
        <source>no digits, not a code</source>
        <translation>aucun chiffre, pas un code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="378"/>
        <source>starts or ends with a hyphen or dot</source>
        <translation>commence ou finit par un tiret ou un point</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="379"/>
        <source>a TRUE/FALSE cell, not a code</source>
        <translation>une cellule VRAI/FAUX, pas un code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="380"/>
        <source>a date, not a code</source>
        <translation>une date, pas un code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="385"/>
        <source>spaces removed</source>
        <extracomment>the notes on a usable code, by the flag that earns each (in the order they are written)</extracomment>
        <translation>espaces retirés</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="386"/>
        <source>invisible characters removed</source>
        <translation>caractères invisibles retirés</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="368"/>
        <source>leading apostrophe removed</source>
        <extracomment>notes no longer written, kept so that reasons stored by earlier versions (journals, exports) still read back into translatable phrases</extracomment>
        <translation>apostrophe initiale retirée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="388"/>
        <source>zero decimals removed</source>
        <translation>décimales nulles retirées</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="389"/>
        <source>leading zeros restored</source>
        <translation>zéros initiaux rétablis</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="390"/>
        <source>CIP7 converted to CIP13</source>
        <translation>CIP7 converti en CIP13</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="396"/>
        <source>separators removed: spaces</source>
        <extracomment>&quot;separators removed&quot; by the separators found (spaces, hyphens, dots), each combination whole so that a translation can word it as its language needs</extracomment>
        <translation>séparateurs retirés : espaces</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="397"/>
        <source>separators removed: hyphens</source>
        <translation>séparateurs retirés : tirets</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="398"/>
        <source>separators removed: dots</source>
        <translation>séparateurs retirés : points</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="399"/>
        <source>separators removed: spaces, hyphens</source>
        <translation>séparateurs retirés : espaces, tirets</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="400"/>
        <source>separators removed: spaces, dots</source>
        <translation>séparateurs retirés : espaces, points</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="401"/>
        <source>separators removed: hyphens, dots</source>
        <translation>séparateurs retirés : tirets, points</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="402"/>
        <source>separators removed: spaces, hyphens, dots</source>
        <translation>séparateurs retirés : espaces, tirets, points</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="406"/>
        <source>too short: 1 digit (a GTIN has 8 to 14)</source>
        <extracomment>reasons that name a number of digits: (one digit, any other number as {n})</extracomment>
        <translation>trop court : 1 chiffre (un GTIN en a de 8 à 14)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="407"/>
        <source>too short: {n} digits (a GTIN has 8 to 14)</source>
        <translation>trop court : {n} chiffres (un GTIN en a de 8 à 14)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="408"/>
        <source>too long: 1 digit (a GTIN has at most 14)</source>
        <translation>trop long : 1 chiffre (un GTIN en a au plus 14)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="409"/>
        <source>too long: {n} digits (a GTIN has at most 14)</source>
        <translation>trop long : {n} chiffres (un GTIN en a au plus 14)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="411"/>
        <source>1 digit: not a GTIN length (8, 12, 13 or 14); if a spreadsheet dropped leading zeros, re-export the column as text</source>
        <translation>1 chiffre : pas une longueur de GTIN (8, 12, 13 ou 14) ; si un tableur a supprimé des zéros initiaux, réexportez la colonne au format texte</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="413"/>
        <source>{n} digits: not a GTIN length (8, 12, 13 or 14); if a spreadsheet dropped leading zeros, re-export the column as text</source>
        <translation>{n} chiffres : pas une longueur de GTIN (8, 12, 13 ou 14) ; si un tableur a supprimé des zéros initiaux, réexportez la colonne au format texte</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="416"/>
        <source>wrong check digit: the last digit should be {expected}, not {found}</source>
        <translation>chiffre de contrôle erroné : le dernier chiffre devrait être {expected}, pas {found}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="421"/>
        <source>contains &quot;{text}&quot;, which is not a digit 0-9</source>
        <extracomment>reasons quoting the cell: the one placeholder is the quoted text</extracomment>
        <translation>contient « {text} », qui n’est pas un chiffre de 0 à 9</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="422"/>
        <source>the text &quot;{text}&quot; is not a code</source>
        <translation>le texte « {text} » n’est pas un code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gtin.py" line="423"/>
        <source>Excel error cell {text}</source>
        <translation>cellule d’erreur Excel {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/inputs.py" line="21"/>
        <source>No input file given: name a spreadsheet, or import the Snipcart catalogue (--snipcart).</source>
        <translation>Aucun fichier d’entrée : indiquez un tableur, ou importez le catalogue Snipcart (--snipcart).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="119"/>
        <source>file not found; check the name and folder</source>
        <translation>fichier introuvable ; vérifiez le nom et le dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="122"/>
        <source>this is a folder, not a spreadsheet file</source>
        <translation>c’est un dossier, pas un fichier tableur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="125"/>
        <source>cannot open the file (permission denied, or locked by another program)</source>
        <translation>impossible d’ouvrir le fichier (accès refusé, ou fichier verrouillé par un autre programme)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="130"/>
        <source>cannot read the file ({problem})</source>
        <translation>impossible de lire le fichier ({problem})</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="160"/>
        <source>no data: the file is empty</source>
        <translation>aucune donnée : le fichier est vide</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="164"/>
        <source>refused: {detail}</source>
        <translation>refusé : {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="166"/>
        <source>not a valid spreadsheet: {detail}. Open it in Excel or LibreOffice and save it as .xlsx or .csv</source>
        <translation>pas un tableur valide : {detail}. Ouvrez-le dans Excel ou LibreOffice et enregistrez-le en .xlsx ou .csv</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="223"/>
        <source>{path}: a {kind} file has no sheet &quot;{sheet}&quot;</source>
        <translation>{path} : un fichier {kind} n’a pas de feuille « {sheet} »</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="224"/>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="234"/>
        <source>file {name}</source>
        <translation>le fichier {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="239"/>
        <source>sheet &quot;{sheet}&quot;</source>
        <translation>la feuille « {sheet} »</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="273"/>
        <source>cannot tell which column holds the product codes, and {problem}. Correct the file and save it again (or name the code column with --column)</source>
        <translation>impossible de savoir quelle colonne contient les codes produits, et {problem}. Corrigez le fichier et enregistrez-le à nouveau (ou indiquez la colonne des codes avec --column)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="348"/>
        <source>damaged compressed data</source>
        <extracomment>what a library raises on a file it cannot parse, for the analyst (anything else is reported by its type name)</extracomment>
        <translation>des données compressées endommagées</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="349"/>
        <source>a damaged zip container</source>
        <translation>un conteneur zip endommagé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="350"/>
        <source>text that is not valid in its encoding</source>
        <translation>du texte invalide dans son encodage</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="351"/>
        <source>XML that cannot be parsed</source>
        <translation>du XML illisible</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="380"/>
        <source>refused: reading it needs more memory than this computer has free (a very large table, or a crafted file). Split the table into smaller files</source>
        <extracomment>exceptions that point at our code rather than at the file</extracomment>
        <translation>refusé : sa lecture demande plus de mémoire que cet ordinateur n’en a de libre (un tableau très grand, ou un fichier piégé). Découpez le tableau en fichiers plus petits</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="387"/>
        <source>the reader failed with {kind}</source>
        <translation>la lecture a échoué avec {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="391"/>
        <source>{what}; if the file opens in Excel this is a bug in Price Lookup, please report it</source>
        <translation>{what} ; si le fichier s’ouvre dans Excel, c’est un bogue de Price Lookup : merci de le signaler</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/__init__.py" line="394"/>
        <source>not a valid spreadsheet: it is damaged or truncated ({what}); open it in Excel or LibreOffice and save it again</source>
        <translation>pas un tableur valide : il est endommagé ou tronqué ({what}) ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="270"/>
        <source>chosen with --column &quot;{wanted}&quot;</source>
        <translation>choisie à la main (« {wanted} »)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="279"/>
        <source>chosen with --column {letter} (column {letter}, &quot;{name}&quot;)</source>
        <translation>choisie à la main (colonne {letter}, « {name} »)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="281"/>
        <source>{where}: no column &quot;{wanted}&quot;; give a header name or a column letter. Columns: {columns}</source>
        <translation>{where} : pas de colonne « {wanted} » ; indiquez un nom d’en-tête ou une lettre de colonne. Colonnes : {columns}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="318"/>
        <source>no values</source>
        <translation>aucune valeur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="263"/>
        <source>{letter} &quot;{name}&quot;</source>
        <extracomment>compact header words (accents, case, spaces and punctuation removed) that name a code column</extracomment>
        <translation>{letter} « {name} »</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="319"/>
        <source>{percent}% of values are valid codes</source>
        <translation>{percent} % des valeurs sont des codes valides</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="343"/>
        <source>header &quot;{name}&quot; matches &quot;{word}&quot;; {share}</source>
        <translation>l’en-tête « {name} » correspond à « {word} » ; {share}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="347"/>
        <source>header &quot;{name}&quot; matches &quot;{word}&quot; but only {share}; column &quot;{other}&quot; has {other_share}</source>
        <translation>l’en-tête « {name} » correspond à « {word} », mais seulement {share} ; colonne « {other} » : {other_share}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="353"/>
        <source>no header names a code column; in column {column} {share}</source>
        <translation>aucun en-tête ne désigne une colonne de codes ; dans la colonne {column}, {share}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="360"/>
        <source>the only column with values; {share}</source>
        <translation>la seule colonne avec des valeurs ; {share}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="367"/>
        <source>no header names a code column; column {column} is the only one whose values look like product codes ({shaped}% of them: the digits of a GTIN, or digits lost by Excel); {valid}% are valid codes, {invalid}% invalid (each row&apos;s note says why)</source>
        <translation>aucun en-tête ne désigne une colonne de codes ; la colonne {column} est la seule dont les valeurs ressemblent à des codes produits ({shaped} % d’entre elles : les chiffres d’un GTIN, ou des chiffres perdus par Excel) ; {valid} % sont des codes valides, {invalid} % non valides (la note de chaque ligne dit pourquoi)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="449"/>
        <source>{reason}; its ISBN-10s converted to EAN-13 (978, their first nine digits, a new check digit)</source>
        <translation>{reason} ; ses ISBN-10 convertis en EAN-13 (978, leurs neuf premiers chiffres, une nouvelle clé)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="374"/>
        <source>{where}: cannot tell which column holds the product codes: no header names one, and columns {columns} all hold values that look like product codes. Name it with --column (header or letter)</source>
        <translation>{where} : impossible de savoir quelle colonne contient les codes produits : aucun en-tête n’en désigne une, et les colonnes {columns} contiennent toutes des valeurs qui ressemblent à des codes produits. Indiquez-la avec --column (en-tête ou lettre)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="379"/>
        <source>{where}: cannot tell which column holds the product codes (no header like EAN, GTIN, UPC or code-barres, and no column where most values are valid codes). Name it with --column (header or letter). Columns: {columns}</source>
        <translation>{where} : impossible de savoir quelle colonne contient les codes produits (aucun en-tête comme EAN, GTIN, UPC ou code-barres, et aucune colonne dont la plupart des valeurs sont des codes valides). Indiquez-la avec --column (en-tête ou lettre). Colonnes : {columns}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="404"/>
        <source>column &quot;{name}&quot; lost its digits in Excel ({percent}% of its values)</source>
        <translation>la colonne « {name} » a perdu ses chiffres dans Excel ({percent} % de ses valeurs)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="411"/>
        <source>{reason}; not taken: {columns}</source>
        <translation>{reason} ; non retenue : {columns}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="431"/>
        <source>column {letter} ({percent}% valid codes)</source>
        <translation>colonne {letter} ({percent} % de codes valides)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="433"/>
        <source>column &quot;{name}&quot; ({letter}, {percent}% valid codes)</source>
        <translation>colonne « {name} » ({letter}, {percent} % de codes valides)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="454"/>
        <source>{reason}; Excel’s text guard (=&quot;…&quot; or a leading apostrophe) removed from 1 value</source>
        <translation>{reason} ; marque de texte d’Excel (=&quot;…&quot; ou une apostrophe initiale) retirée de 1 valeur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="457"/>
        <source>{reason}; Excel’s text guard (=&quot;…&quot; or a leading apostrophe) removed from {count} values</source>
        <translation>{reason} ; marque de texte d’Excel (=&quot;…&quot; ou une apostrophe initiale) retirée de {count} valeurs</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="78"/>
        <source>{first}, {then}</source>
        <translation>{first}, {then}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="83"/>
        <source>{source} was not asked in this run</source>
        <translation>{source} n’a pas été interrogé dans cette recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="84"/>
        <source>{source} failed in this run: {message}</source>
        <translation>{source} a échoué dans cette recherche : {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="85"/>
        <source>{source} could not be asked for this product: {message}</source>
        <translation>{source} n’a pas pu être interrogé pour ce produit : {message}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="86"/>
        <source>{source} has not answered for this product yet</source>
        <translation>{source} n’a pas encore répondu pour ce produit</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="87"/>
        <source>{source} has no data for this product</source>
        <translation>{source} n’a aucune donnée pour ce produit</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="88"/>
        <source>{source} has no history for this product</source>
        <translation>{source} n’a pas d’historique pour ce produit</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="89"/>
        <source>{source} price history was not asked in this run</source>
        <translation>l’historique des prix de {source} n’a pas été demandé dans cette recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="90"/>
        <source>PriceAPI did not find this product</source>
        <translation>PriceAPI n’a pas trouvé ce produit</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="91"/>
        <source>PriceAPI gave no answer for this product: {reason}</source>
        <translation>PriceAPI n’a pas donné de réponse pour ce produit : {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="92"/>
        <source>PriceAPI lists no offers for this product</source>
        <translation>PriceAPI n’indique aucune offre pour ce produit</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="93"/>
        <source>PriceAPI was not asked for this code: restricted codes are left out of the look-up</source>
        <translation>PriceAPI n’a pas été interrogé pour ce code : les codes à diffusion restreinte sont exclus de la recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="95"/>
        <source>OfficiScan was not asked for this code: it is asked with EAN-13 codes only</source>
        <translation>OfficiScan n’a pas été interrogé pour ce code : il n’est interrogé qu’avec des codes EAN-13</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/codecolumn.py" line="437"/>
        <source>{reason}; also found: {found}; use --column to choose</source>
        <translation>{reason} ; également trouvées : {found} ; choisissez avec --column</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/table.py" line="119"/>
        <source>no data: {where} is empty</source>
        <extracomment>given a 0-based sheet column, return (sheet_row, sheet_col, &quot;#N/A&quot;) for the cells the text read left blank: error cells, and formula cells without a saved value</extracomment>
        <translation>aucune donnée : {where} est vide</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/table.py" line="141"/>
        <source>no data: {where} has only a header row</source>
        <translation>aucune donnée : {where} n’a qu’une ligne d’en-tête</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/table.py" line="142"/>
        <source>no data: {where} has no data rows</source>
        <translation>aucune donnée : {where} n’a aucune ligne de données</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/table.py" line="157"/>
        <source>no data: {where} has no non-blank data rows</source>
        <translation>aucune donnée : {where} n’a que des lignes de données vides</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="66"/>
        <source>protected: save a copy without a password and use that (the workbook is encrypted with a password, so it cannot be read)</source>
        <translation>protégé : enregistrez une copie sans mot de passe et utilisez-la (le classeur est chiffré par un mot de passe, il ne peut donc pas être lu)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="73"/>
        <source> (sheet &quot;{sheet}&quot;)</source>
        <translation> (feuille « {sheet} »)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="77"/>
        <source>not a valid spreadsheet{where}: it is damaged — {problem}; open it in Excel or LibreOffice and save it again</source>
        <translation>pas un tableur valide{where} : il est endommagé — {problem} ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="91"/>
        <source>refused{where}: the file declares far more cells than any real sheet (too large, or a decompression bomb); re-save it from Excel or LibreOffice</source>
        <translation>refusé{where} : le fichier déclare bien plus de cellules qu’aucune vraie feuille (trop grand, ou une bombe de décompression) ; enregistrez-le à nouveau depuis Excel ou LibreOffice</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="95"/>
        <source>not a valid spreadsheet{where}: it is damaged or truncated ({problem}); open it in Excel or LibreOffice and save it again</source>
        <translation>pas un tableur valide{where} : il est endommagé ou tronqué ({problem}) ; ouvrez-le dans Excel ou LibreOffice et enregistrez-le à nouveau</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="123"/>
        <source>refused{where}: {problem}</source>
        <extracomment>sheets up to this many rows get every error cell recovered (the scan costs ~1 ms per 1,000 rows) sheet XML from which the number-cell read starts beside the text read (~40,000 rows of four columns); below it the extra read, when needed at all, takes a fraction of a second</extracomment>
        <translation>refusé{where} : {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="410"/>
        <source>refused: sheet &quot;{sheet}&quot; spans {rows} rows x {columns} columns ({cells} cells), more than this tool can hold in memory. Delete stray cells far from the table (Ctrl+End shows the last one), or copy the table to a new workbook</source>
        <extracomment>zip parts already inflated by the bomb guard (zipguard) and found sound every error / formula-without-value cell of a sheet, once scanned whole speculative reads of which cells hold numbers, started beside a big sheet&apos;s text read the scientific cell formats of an xlsx/xlsm, read on first use (None: not yet)</extracomment>
        <translation>refusé : la feuille « {sheet} » s’étend sur {rows} lignes x {columns} colonnes ({cells} cellules), plus que cet outil ne peut en garder en mémoire. Supprimez les cellules isolées loin du tableau (Ctrl+Fin montre la dernière), ou copiez le tableau dans un nouveau classeur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="486"/>
        <source>&quot;{sheet}&quot;</source>
        <translation>« {sheet} »</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="487"/>
        <source>{path}: no sheet named &quot;{sheet}&quot;; the sheets are: {sheets}</source>
        <translation>{path} : aucune feuille nommée « {sheet} » ; les feuilles sont : {sheets}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="506"/>
        <source>the workbook has no sheets</source>
        <translation>le classeur n’a aucune feuille</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="507"/>
        <source>no data: no visible worksheet holds any cell ({detail}). Name a hidden sheet with --sheet if the codes are there</source>
        <translation>aucune donnée : aucune feuille de calcul visible ne contient de cellule ({detail}). Indiquez une feuille masquée avec --sheet si les codes s’y trouvent</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="514"/>
        <source>&quot;{sheet}&quot; (hidden)</source>
        <extracomment>why a sheet was passed over when choosing one, by its kind or visibility</extracomment>
        <translation>« {sheet} » (masquée)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="515"/>
        <source>&quot;{sheet}&quot; (veryhidden)</source>
        <translation>« {sheet} » (très masquée)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="516"/>
        <source>&quot;{sheet}&quot; (chart)</source>
        <translation>« {sheet} » (graphique)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="517"/>
        <source>&quot;{sheet}&quot; (dialog)</source>
        <translation>« {sheet} » (boîte de dialogue)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="518"/>
        <source>&quot;{sheet}&quot; (macro)</source>
        <translation>« {sheet} » (macro)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/workbook.py" line="519"/>
        <source>&quot;{sheet}&quot; (empty)</source>
        <translation>« {sheet} » (vide)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/phrasing.py" line="77"/>
        <source>{first}; {then}</source>
        <extracomment>the translation context of every engine template (``&lt;context&gt;&lt;name&gt;Engine&lt;/name&gt;`` in the .ts) text, a number, or another phrase (translated too) how the parts of a list are joined (&quot;a; b&quot;, &quot;a, b&quot;): a template too, since languages space them differently</extracomment>
        <translation>{first} ; {then}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/validation.py" line="43"/>
        <source>duplicate of row {row}</source>
        <extracomment>the note of a duplicate row, the last of its reason</extracomment>
        <translation>doublon de la ligne {row}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/validation.py" line="144"/>
        <source>{path}: sheet &quot;{sheet}&quot; has no column &quot;{column}&quot;; choose one of: {columns}</source>
        <extracomment>reasons of duplicate rows end with this followed by the sheet row number column names and types of :attr:`ValidatedTable.checks`, in order</extracomment>
        <translation>{path} : la feuille « {sheet} » n’a pas de colonne « {column} » ; choisissez parmi : {columns}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/validation.py" line="180"/>
        <source>formula with no saved value — open and save the file in Excel, or export the sheet as values</source>
        <extracomment>the reason of a code cell holding a formula that no spreadsheet program has computed yet</extracomment>
        <translation>formule sans valeur enregistrée — ouvrez et enregistrez le fichier dans Excel, ou exportez la feuille en valeurs</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/validation.py" line="184"/>
        <source>LibreOffice error cell {text}</source>
        <extracomment>the reason of a LibreOffice error cell (&quot;Err:502&quot;), which is not an Excel error literal</extracomment>
        <translation>cellule d’erreur LibreOffice {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="76"/>
        <source>it is a Word document</source>
        <extracomment>extensions an analyst expects to be a workbook: text content there is &quot;not a valid spreadsheet&quot; what the file is instead, for the message (a phrase: the window translates it)</extracomment>
        <translation>c’est un document Word</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="98"/>
        <source>it is an Office file without a workbook</source>
        <translation>c’est un fichier Office sans classeur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="108"/>
        <source>it unpacks to {unpacked} MB from {packed} MB (too large, or a decompression bomb)</source>
        <translation>il se décompresse en {unpacked} Mo à partir de {packed} Mo (trop grand, ou une bombe de décompression)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="124"/>
        <source>it is an OpenDocument {kind} file</source>
        <translation>c’est un fichier OpenDocument {kind}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="137"/>
        <source>it is a PowerPoint file</source>
        <translation>c’est un fichier PowerPoint</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="138"/>
        <source>it is a zip archive, not a workbook</source>
        <translation>c’est une archive zip, pas un classeur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="158"/>
        <source>the zip container is damaged ({problem})</source>
        <translation>le conteneur zip est endommagé ({problem})</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="167"/>
        <source>it is a web page (HTML)</source>
        <translation>c’est une page web (HTML)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="170"/>
        <source>it is an Excel 2003 XML spreadsheet</source>
        <translation>c’est une feuille de calcul XML Excel 2003</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="171"/>
        <source>it is an XML file</source>
        <translation>c’est un fichier XML</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="195"/>
        <source>it has no {suffix} signature (damaged, truncated, or another kind of file renamed)</source>
        <translation>il n’a pas la signature d’un fichier {suffix} (endommagé, tronqué, ou un autre type de fichier renommé)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/sheets/detect.py" line="199"/>
        <source>it is neither a workbook nor a text file</source>
        <translation>ce n’est ni un classeur ni un fichier texte</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="40"/>
        <source>the call took longer than its deadline</source>
        <translation>l’appel a dépassé son délai</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="41"/>
        <source>the connection timed out</source>
        <translation>la connexion a expiré</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="42"/>
        <source>the connection was refused or the host was not found</source>
        <translation>la connexion a été refusée ou l’hôte est introuvable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="43"/>
        <source>no free connection became available in time</source>
        <translation>aucune connexion ne s’est libérée à temps</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="44"/>
        <source>sending the request timed out</source>
        <translation>l’envoi de la requête a expiré</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="45"/>
        <source>the server closed the connection without a complete answer</source>
        <translation>le serveur a fermé la connexion sans réponse complète</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="47"/>
        <source>the connection was reset while reading the answer</source>
        <translation>la connexion a été coupée pendant la lecture de la réponse</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="48"/>
        <source>the connection was reset while sending the request</source>
        <translation>la connexion a été coupée pendant l’envoi de la requête</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="49"/>
        <source>too many redirects</source>
        <translation>trop de redirections</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="50"/>
        <source>the answer could not be decoded</source>
        <translation>la réponse n’a pas pu être décodée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="51"/>
        <source>the proxy refused the connection</source>
        <translation>le proxy a refusé la connexion</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="52"/>
        <source>the address uses an unsupported protocol</source>
        <translation>l’adresse utilise un protocole non pris en charge</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="54"/>
        <source>no answer within {seconds} s</source>
        <translation>pas de réponse en {seconds} s</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="55"/>
        <source>no answer in time</source>
        <translation>pas de réponse à temps</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="56"/>
        <source>network error ({kind})</source>
        <translation>erreur réseau ({kind})</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="58"/>
        <source>{problem} after {n} attempts</source>
        <extracomment>a failure after several attempts</extracomment>
        <translation>{problem} après {n} tentatives</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="61"/>
        <source>HTTP {code}</source>
        <extracomment>an HTTP answer, as the messages quote it: its status (and reason phrase), what it was, what it said</extracomment>
        <translation>HTTP {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="62"/>
        <source>{answer}, answered with an error page</source>
        <translation>{answer}, réponse sous forme de page d’erreur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="63"/>
        <source>{answer} — the service says: “{detail}”</source>
        <translation>{answer} — le service indique : « {detail} »</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="65"/>
        <source>check it in Settings &gt; Keys</source>
        <translation>vérifiez-la dans Paramètres &gt; Clés</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="66"/>
        <source>check it in Settings &gt; Keys (or {env})</source>
        <translation>vérifiez-la dans Paramètres &gt; Clés (ou {env})</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="68"/>
        <source>{what}: {problem}; try again later (a run continues with --resume).</source>
        <translation>{what} : {problem} ; réessayez plus tard (une recherche reprend avec --resume).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="69"/>
        <source>{what}: {problem}; check the service address in Settings.</source>
        <translation>{what} : {problem} ; vérifiez l’adresse du service dans Paramètres.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="70"/>
        <source>could not be reached for {what}: {problem}. Check the network connection, or try again later.</source>
        <translation>injoignable pour {what} : {problem}. Vérifiez la connexion réseau, ou réessayez plus tard.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="74"/>
        <source>the key was refused ({answer}); {hint}.</source>
        <extracomment>per key word (&quot;key&quot;, &quot;token&quot;: a sentence each, for the languages that agree words with them)</extracomment>
        <translation>la clé a été refusée ({answer}) ; {hint}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="75"/>
        <source>the token was refused ({answer}); {hint}.</source>
        <translation>le jeton a été refusé ({answer}) ; {hint}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="77"/>
        <source>{what} does not exist (HTTP 404); check the service address in Settings.</source>
        <translation>{what} n’existe pas (HTTP 404) ; vérifiez l’adresse du service dans Paramètres.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="78"/>
        <source>{what}: not found ({answer}).</source>
        <translation>{what} : introuvable ({answer}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="79"/>
        <source>too many requests ({answer}): {wait} (--resume continues where it stopped).</source>
        <translation>trop de requêtes ({answer}) : {wait} (--resume reprend là où elle s’est arrêtée).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="80"/>
        <source>the service asks to wait {wait}. Run again {when}</source>
        <translation>le service demande d’attendre {wait}. Relancez {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="81"/>
        <source>the service is still limiting requests. Wait a few minutes, then run again</source>
        <translation>le service limite toujours les requêtes. Attendez quelques minutes, puis relancez</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="82"/>
        <source>the service is still limiting requests after {n} attempts. Wait a few minutes, then run again</source>
        <translation>le service limite toujours les requêtes après {n} tentatives. Attendez quelques minutes, puis relancez</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="84"/>
        <source>the service is unavailable ({answer}) for {what}; try again later (a run continues with --resume).</source>
        <translation>le service est indisponible ({answer}) pour {what} ; réessayez plus tard (une recherche reprend avec --resume).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="86"/>
        <source>the service is unavailable ({answer}) after {n} attempts for {what}; try again later (a run continues with --resume).</source>
        <translation>le service est indisponible ({answer}) après {n} tentatives pour {what} ; réessayez plus tard (une recherche reprend avec --resume).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="89"/>
        <source>{what} was redirected (HTTP {code}) unexpectedly; check the service address in Settings.</source>
        <translation>{what} a été redirigé de façon inattendue (HTTP {code}) ; vérifiez l’adresse du service dans Paramètres.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="91"/>
        <source>{what} was rejected ({answer}); check the run settings (source, country, days, parameters).</source>
        <translation>{what} a été refusé ({answer}) ; vérifiez les réglages de la recherche (source, pays, jours, paramètres).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="94"/>
        <source>{what}: {detail} after the request was sent; the service may have processed it, so it was not sent again.</source>
        <extracomment>a request that failed after it was sent (the policy does not send it again: it may have been processed)</extracomment>
        <translation>{what} : {detail} après l’envoi de la requête ; le service l’a peut-être traitée, elle n’a donc pas été renvoyée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="97"/>
        <source>it answered HTTP {code}</source>
        <translation>il a répondu HTTP {code}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="99"/>
        <source>{n} s</source>
        <extracomment>a wait as :func:`~pricelookup.services.retry.wait_words` says it, and when it ends</extracomment>
        <translation>{n} s</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="99"/>
        <source>{n} minutes</source>
        <translation>{n} minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="100"/>
        <source>{n} hours</source>
        <translation>{n} heures</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="100"/>
        <source>{n} days</source>
        <translation>{n} jours</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/wording.py" line="101"/>
        <source>after {time}</source>
        <translation>après {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="70"/>
        <source>Importing the Snipcart catalogue</source>
        <translation>Import du catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="71"/>
        <source>Reading {path}</source>
        <translation>Lecture de {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="72"/>
        <source>No interrupted run of this input with these settings was found; starting a new run.</source>
        <translation>Aucune recherche interrompue de ce fichier avec ces réglages : une nouvelle recherche commence.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="74"/>
        <source>Resuming run {run} started {started} UTC</source>
        <translation>Reprise de la recherche {run} lancée le {started} UTC</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="75"/>
        <source>Note: run {run} of this input was interrupted; this new run reuses its answers and collects its submitted jobs (nothing is paid twice). `--resume` would continue that run instead.</source>
        <translation>Remarque : la recherche {run} de ce fichier a été interrompue ; cette nouvelle recherche reprend ses réponses et récupère ses lots envoyés (rien n’est payé deux fois). `--resume` poursuivrait plutôt cette recherche-là.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="79"/>
        <source>1 restricted-circulation or coupon code is looked up and paid for, as asked (--include-restricted).</source>
        <translation>1 code à diffusion restreinte ou code de bon de réduction est recherché et payé, comme demandé (--include-restricted).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="81"/>
        <source>{n} restricted-circulation or coupon codes are looked up and paid for, as asked (--include-restricted).</source>
        <translation>{n} codes à diffusion restreinte ou codes de bons de réduction sont recherchés et payés, comme demandé (--include-restricted).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="84"/>
        <source>1 restricted-circulation or coupon code is not looked up: it identifies nothing outside one shop or country (--include-restricted looks it up, paid).</source>
        <translation>1 code à diffusion restreinte ou code de bon de réduction n’est pas recherché : il n’identifie rien hors d’un magasin ou d’un pays (--include-restricted le recherche, en payant).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="86"/>
        <source>{n} restricted-circulation or coupon codes are not looked up: they identify nothing outside one shop or country (--include-restricted looks them up, paid).</source>
        <translation>{n} codes à diffusion restreinte ou codes de bons de réduction ne sont pas recherchés : ils n’identifient rien hors d’un magasin ou d’un pays (--include-restricted les recherche, en payant).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="89"/>
        <source>1 code is in {jobs} submitted by an earlier run ({runs}); it is collected, not paid again.</source>
        <translation>1 code est dans {jobs} envoyé(s) par une recherche précédente ({runs}) ; il est récupéré, pas payé de nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="91"/>
        <source>{n} codes are in {jobs} submitted by an earlier run ({runs}); they are collected, not paid again.</source>
        <translation>{n} codes sont dans {jobs} envoyé(s) par une recherche précédente ({runs}) ; ils sont récupérés, pas payés de nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="93"/>
        <source>{codes} to look up: {answered} already answered, {in_flight} in submitted jobs, {cached} from recent runs (free), {to_submit} to submit in {jobs} for about {credits}.</source>
        <translation>{codes} à rechercher : {answered} déjà répondu(s), {in_flight} dans des lots envoyés, {cached} repris de recherches récentes (gratuit), {to_submit} à envoyer en {jobs} pour environ {credits}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="96"/>
        <source>{credits} (it may cost more: several pages per code are possible)</source>
        <translation>{credits} (cela peut coûter plus : plusieurs pages par code sont possibles)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="97"/>
        <source>Merging the answers</source>
        <translation>Fusion des réponses</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="99"/>
        <source>1 code is in a job whose submission is uncertain: it was not sent again, to avoid paying twice. `--resume --resend-uncertain` sends it again.</source>
        <translation>1 code est dans un lot dont l’envoi est incertain : il n’a pas été renvoyé, pour ne pas payer deux fois. `--resume --resend-uncertain` le renvoie.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="101"/>
        <source>{n} codes are in a job whose submission is uncertain: they were not sent again, to avoid paying twice. `--resume --resend-uncertain` sends them again.</source>
        <translation>{n} codes sont dans un lot dont l’envoi est incertain : ils n’ont pas été renvoyés, pour ne pas payer deux fois. `--resume --resend-uncertain` les renvoie.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="103"/>
        <source>Done: {codes}, {credits} used.</source>
        <translation>Terminé : {codes}, {credits} utilisé(s).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="104"/>
        <source>{problem} The run goes on without it.</source>
        <translation>{problem} La recherche continue sans lui.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/engine.py" line="105"/>
        <source>Run {run} is being worked on by another Price Lookup window or command right now; let it finish or close it first.</source>
        <translation>La recherche {run} est en cours dans une autre fenêtre ou commande Price Lookup ; laissez-la se terminer ou fermez-la d’abord.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/enrichment.py" line="77"/>
        <source>Waiting for Monitorize&apos;s full offer list (the whole account comes in one answer; on a large account this takes a few minutes)</source>
        <extracomment>journal kinds the codes held back because another run&apos;s submission of them is in doubt (a status, not an answer) the progress message while Monitorize&apos;s whole-account lists are awaited (can take minutes)</extracomment>
        <translation>En attente de la liste complète des offres Monitorize (tout le compte arrive en une réponse ; sur un gros compte, cela prend quelques minutes)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/enrichment.py" line="81"/>
        <source>OfficiScan: {done} of {codes} asked</source>
        <extracomment>progress: how many codes were asked / matched ({codes}: &quot;1 code&quot; or &quot;40 codes&quot;, see run.plan.CODES)</extracomment>
        <translation>OfficiScan : {done} sur {codes} demandé(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/enrichment.py" line="82"/>
        <source>Monitorize: {matched} of {codes} matched</source>
        <translation>Monitorize : {matched} sur {codes} associé(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/enrichment.py" line="86"/>
        <source>{error} (20 codes in a row failed; OfficiScan was given up for this run)</source>
        <translation>{error} (20 codes d’affilée en échec ; OfficiScan a été abandonné pour cette recherche)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/enrichment.py" line="90"/>
        <source>OfficiScan: 1 code could not be fetched (the service kept failing for it).</source>
        <extracomment>one code, several codes</extracomment>
        <translation>OfficiScan : 1 code n’a pas pu être obtenu (le service a échoué à chaque fois).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/enrichment.py" line="91"/>
        <source>OfficiScan: {n} codes could not be fetched (the service kept failing for them).</source>
        <translation>OfficiScan : {n} codes n’ont pas pu être obtenus (le service a échoué à chaque fois).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/enrichment.py" line="92"/>
        <source>{error} (price history incomplete)</source>
        <translation>{error} (historique des prix incomplet)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/enrichment.py" line="94"/>
        <source>{service}: unexpected failure ({kind}); the run went on without it.</source>
        <extracomment>a stage that failed in a way of no service&apos;s (the engine&apos;s guard says so)</extracomment>
        <translation>{service} : échec inattendu ({kind}) ; la recherche a continué sans lui.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="22"/>
        <source>1 code</source>
        <extracomment>PriceAPI accepts at most this many values per bulk job (&quot;too many values&quot; above).</extracomment>
        <translation>1 code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="22"/>
        <source>{n} codes</source>
        <translation>{n} codes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="23"/>
        <source>1 job</source>
        <translation>1 lot</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="23"/>
        <source>{n} jobs</source>
        <translation>{n} lots</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="24"/>
        <source>1 credit</source>
        <translation>1 crédit</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="24"/>
        <source>{n} credits</source>
        <translation>{n} crédits</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="27"/>
        <source>1 page</source>
        <translation>1 page</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="27"/>
        <source>{n} pages</source>
        <translation>{n} pages</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="28"/>
        <source>{codes} x {pages}</source>
        <translation>{codes} × {pages}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="29"/>
        <source>{why} x 2 (realtime)</source>
        <translation>{why} × 2 (temps réel)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="30"/>
        <source>This look-up needs {credits} ({why})</source>
        <translation>Cette recherche demande {credits} ({why})</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="31"/>
        <source>This look-up needs at least {credits} ({why})</source>
        <translation>Cette recherche demande au moins {credits} ({why})</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="32"/>
        <source>only 1 credit is left in today&apos;s PriceAPI quota</source>
        <translation>il ne reste qu’1 crédit dans le quota PriceAPI du jour</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="33"/>
        <source>only {n} credits are left in today&apos;s PriceAPI quota</source>
        <translation>il ne reste que {n} crédits dans le quota PriceAPI du jour</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="34"/>
        <source>your budget is {credits}</source>
        <translation>votre budget est de {credits}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/plan.py" line="35"/>
        <source>{problem}. Nothing was submitted and nothing was paid. Look up fewer codes, raise the budget (--budget) or the daily quota in PriceAPI&apos;s Quota settings, or try again tomorrow.</source>
        <translation>{problem}. Rien n’a été envoyé ni payé. Recherchez moins de codes, augmentez le budget (--budget) ou le quota journalier dans les réglages de quota de PriceAPI, ou réessayez demain.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="42"/>
        <source>{setting} {theirs} instead of {ours}</source>
        <translation>{setting} {theirs} au lieu de {ours}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="43"/>
        <source>input {name} as it was then</source>
        <translation>le fichier {name} tel qu’il était alors</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="44"/>
        <source>{run} ({differences})</source>
        <translation>{run} ({differences})</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="45"/>
        <source>1 submitted job</source>
        <translation>1 lot envoyé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="45"/>
        <source>{n} submitted jobs</source>
        <translation>{n} lots envoyés</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="46"/>
        <source>{jobs} and {doubt} in doubt</source>
        <translation>{jobs} et {doubt} incertain(s)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="47"/>
        <source>Run {run} has {jobs} for {shared} of these codes. `--resume` continues a run only with its own file and settings: resume it with those, or start afresh with `--new` (its answers and submitted jobs are reused where the settings match; nothing already paid is paid again).</source>
        <translation>La recherche {run} a {jobs} pour {shared} de ces codes. `--resume` ne poursuit une recherche qu’avec son propre fichier et ses propres réglages : reprenez-la avec ceux-ci, ou repartez de zéro avec `--new` (ses réponses et ses lots envoyés sont réutilisés là où les réglages concordent ; rien de déjà payé n’est payé de nouveau).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="51"/>
        <source>{codes}, … ({n} more)</source>
        <translation>{codes}, … ({n} de plus)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="52"/>
        <source>job {job} of run {run} ({error})</source>
        <translation>lot {job} de la recherche {run} ({error})</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="53"/>
        <source>no answer to its submission</source>
        <translation>pas de réponse à son envoi</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="54"/>
        <source>1 more job</source>
        <translation>1 lot de plus</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="54"/>
        <source>{n} more jobs</source>
        <translation>{n} lots de plus</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="57"/>
        <source>Sending again, as asked (--resend-uncertain), 1 code whose earlier submission is uncertain, for about {credits} (paid twice if the first job was created): {codes}.</source>
        <extracomment>one code, several codes</extracomment>
        <translation>Nouvel envoi, comme demandé (--resend-uncertain), d’1 code dont l’envoi précédent est incertain, pour environ {credits} (payé deux fois si le premier lot a été créé) : {codes}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="59"/>
        <source>Sending again, as asked (--resend-uncertain), {n} codes whose earlier submission is uncertain, for about {credits} (paid twice if the first job was created): {codes}.</source>
        <translation>Nouvel envoi, comme demandé (--resend-uncertain), de {n} codes dont l’envoi précédent est incertain, pour environ {credits} (payés deux fois si le premier lot a été créé) : {codes}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="62"/>
        <source>1 code is in doubt — its job may have been created, so it is not sent again: {codes}. From: {where}. PriceAPI offers no way to look a lost job up; `--resume --resend-uncertain` sends it again for about {credits} (paid twice if the first job was created).</source>
        <translation>1 code est incertain — son lot a peut-être été créé, il n’est donc pas renvoyé : {codes}. Origine : {where}. PriceAPI ne permet pas de retrouver un lot perdu ; `--resume --resend-uncertain` le renvoie pour environ {credits} (payé deux fois si le premier lot a été créé).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/planning.py" line="66"/>
        <source>{n} codes are in doubt — their job may have been created, so they are not sent again: {codes}. From: {where}. PriceAPI offers no way to look a lost job up; `--resume --resend-uncertain` sends them again for about {credits} (paid twice if the first job was created).</source>
        <translation>{n} codes sont incertains — leur lot a peut-être été créé, ils ne sont donc pas renvoyés : {codes}. Origine : {where}. PriceAPI ne permet pas de retrouver un lot perdu ; `--resume --resend-uncertain` les renvoie pour environ {credits} (payés deux fois si le premier lot a été créé).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/priceapi_jobs.py" line="76"/>
        <source>Stopped submitting: {error}</source>
        <extracomment>reason on rows whose job submission may have reached PriceAPI without an answer reason on rows whose values PriceAPI left out of a finished job&apos;s results reason on rows whose job PriceAPI lost (job not found) errors that stop the run (the journal keeps every job for --resume): asking again would not help (key refused, quota, a rejected request), or PriceAPI asked us to wait longer than a run should sit idle (a RateLimitedError past :data:`LONGEST_WAIT`; shorter ones, which reach the runner only past the policy&apos;s own waits, are waited out a few times more first) the longest wait PriceAPI may ask for (Retry-After, seconds) that a run sits through; a longer one stops the run (the journal keeps every job; --resume continues)</extracomment>
        <translation>Envois arrêtés : {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/priceapi_jobs.py" line="77"/>
        <source>Job {job}: PriceAPI is not creating jobs for now ({error}); submitting it again in {wait} s</source>
        <translation>Lot {job} : PriceAPI ne crée pas de lots pour l’instant ({error}) ; nouvel envoi dans {wait} s</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/priceapi_jobs.py" line="79"/>
        <source>Job {job}: {error}</source>
        <translation>Lot {job} : {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/priceapi_jobs.py" line="80"/>
        <source>Submitted job {job} ({codes}) as {id}</source>
        <translation>Lot {job} ({codes}) envoyé sous l’identifiant {id}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/priceapi_jobs.py" line="81"/>
        <source>Job {job}: status unavailable for now ({error}); asking again later</source>
        <translation>Lot {job} : état indisponible pour l’instant ({error}) ; nouvelle demande plus tard</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/priceapi_jobs.py" line="82"/>
        <source>Job {job}: download refused for now ({error}); trying again</source>
        <translation>Lot {job} : téléchargement refusé pour l’instant ({error}) ; nouvel essai</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/priceapi_jobs.py" line="83"/>
        <source>Job {job}: download failed ({error}); trying again</source>
        <translation>Lot {job} : le téléchargement a échoué ({error}) ; nouvel essai</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/run/priceapi_jobs.py" line="84"/>
        <source>Job {job} finished: {found} of {codes} found; downloaded</source>
        <translation>Lot {job} terminé : {found} sur {codes} trouvé(s) ; téléchargé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/client.py" line="39"/>
        <source>refused to follow a redirect to a plain-HTTP or unknown address on host {host}: the key would travel unencrypted. Check the service address in Settings.</source>
        <translation>redirection vers une adresse HTTP non chiffrée ou inconnue sur l’hôte {host} refusée : la clé circulerait en clair. Vérifiez l’adresse du service dans Paramètres.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/client.py" line="44"/>
        <source>no key is set; add it in Settings &gt; Keys, with `pricelookup keys set {service}`, or in {env}.</source>
        <extracomment>per key word, like :data:`pricelookup.services.wording.TEMPLATES`&apos; refused key</extracomment>
        <translation>aucune clé n’est définie ; ajoutez-la dans Paramètres &gt; Clés, avec `pricelookup keys set {service}`, ou dans {env}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/client.py" line="46"/>
        <source>no token is set; add it in Settings &gt; Keys, with `pricelookup keys set {service}`, or in {env}.</source>
        <translation>aucun jeton n’est défini ; ajoutez-le dans Paramètres &gt; Clés, avec `pricelookup keys set {service}`, ou dans {env}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/client.py" line="50"/>
        <source>the key contains characters that cannot be sent (line breaks, accents...); {hint}.</source>
        <translation>la clé contient des caractères impossibles à envoyer (sauts de ligne, accents…) ; {hint}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/client.py" line="52"/>
        <source>the token contains characters that cannot be sent (line breaks, accents...); {hint}.</source>
        <translation>le jeton contient des caractères impossibles à envoyer (sauts de ligne, accents…) ; {hint}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/client.py" line="55"/>
        <source>answered {path} with a web page instead of data (HTTP {code}); the service may be down or the address wrong. Check the address in Settings or try again later.</source>
        <translation>a répondu à {path} par une page web au lieu de données (HTTP {code}) ; le service est peut-être arrêté ou l’adresse erronée. Vérifiez l’adresse dans Paramètres ou réessayez plus tard.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/client.py" line="58"/>
        <source>answered {path} with data that is not valid JSON (HTTP {code}); try again later, and report it if it persists.</source>
        <translation>a répondu à {path} par des données JSON invalides (HTTP {code}) ; réessayez plus tard, et signalez-le si cela persiste.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/client.py" line="61"/>
        <source>answered {path} with an unexpected structure (expected {expected}); the API may have changed. Report it.</source>
        <translation>a répondu à {path} avec une structure inattendue ({expected} attendu) ; l’API a peut-être changé. Signalez-le.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/monitorize.py" line="66"/>
        <source>{path} refused both GET and POST (HTTP {get} and {post}); the API may have changed. Report it.</source>
        <translation>{path} a refusé GET comme POST (HTTP {get} et {post}) ; l’API a peut-être changé. Signalez-le.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/monitorize.py" line="68"/>
        <source>answered {path} with a web page saying the method is not allowed (HTTP {code}); the API may have changed. Report it.</source>
        <translation>a répondu à {path} par une page web indiquant que la méthode n’est pas autorisée (HTTP {code}) ; l’API a peut-être changé. Signalez-le.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/monitorize.py" line="71"/>
        <source>{what} was redirected more than {most} times; check the Monitorize address in Settings.</source>
        <translation>{what} a été redirigé plus de {most} fois ; vérifiez l’adresse de Monitorize dans Paramètres.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/monitorize.py" line="73"/>
        <source>{what} was redirected (HTTP {code}) without saying where; try again later, and report it if it persists.</source>
        <translation>{what} a été redirigé (HTTP {code}) sans indiquer où ; réessayez plus tard, et signalez-le si cela persiste.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/monitorize.py" line="76"/>
        <source>{what} was redirected (HTTP {code}) to an address that is not valid; report it.</source>
        <translation>{what} a été redirigé (HTTP {code}) vers une adresse invalide ; signalez-le.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/monitorize.py" line="78"/>
        <source>{what} was redirected (HTTP {code}) to {where}: {why}; the redirect was not followed and the key was not sent. Check the Monitorize address in Settings, and report it if it persists.</source>
        <translation>{what} a été redirigé (HTTP {code}) vers {where} : {why} ; la redirection n’a pas été suivie et la clé n’a pas été envoyée. Vérifiez l’adresse de Monitorize dans Paramètres, et signalez-le si cela persiste.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/monitorize.py" line="81"/>
        <source>plain HTTP, where the key would travel unencrypted</source>
        <translation>HTTP non chiffré, où la clé circulerait en clair</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/monitorize.py" line="82"/>
        <source>another address, which must not receive the Monitorize key</source>
        <translation>une autre adresse, qui ne doit pas recevoir la clé Monitorize</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/monitorize.py" line="83"/>
        <source>a product needs a name; nothing was created.</source>
        <translation>un produit doit avoir un nom ; rien n’a été créé.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/officiscan.py" line="49"/>
        <source>the time zone data of {zone} is missing from this installation, so OfficiScan&apos;s times cannot be read; reinstall Price Lookup.</source>
        <extracomment>documented maxima a runaway ``pages`` value must not keep us paging forever the zone of OfficiScan&apos;s times that carry none (see the module doc)</extracomment>
        <translation>les données de fuseau horaire de {zone} manquent dans cette installation : les heures d’OfficiScan ne peuvent pas être lues ; réinstallez Price Lookup.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/officiscan.py" line="52"/>
        <source>history of {days} days asked; OfficiScan keeps 1 to {most} days. Change the OfficiScan days setting.</source>
        <translation>historique de {days} jours demandé ; OfficiScan conserve de 1 à {most} jours. Modifiez le réglage des jours d’OfficiScan.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="65"/>
        <source>the token was refused (unauthorized); check it in Settings &gt; Keys (or {env}).</source>
        <extracomment>PriceAPI&apos;s documented limit of values per bulk job</extracomment>
        <translation>le jeton a été refusé (non autorisé) ; vérifiez-le dans Paramètres &gt; Clés (ou {env}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="67"/>
        <source>the daily quota is used up (daily quota exceeded); raise it under Quota settings on the PriceAPI dashboard, or resume the run tomorrow (--resume).</source>
        <translation>le quota journalier est épuisé (daily quota exceeded) ; augmentez-le dans les réglages de quota du tableau de bord PriceAPI, ou reprenez la recherche demain (--resume).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="70"/>
        <source>no free credits are left (not enough free credits); a paid PriceAPI subscription is needed.</source>
        <translation>il ne reste plus de crédits gratuits (not enough free credits) ; un abonnement PriceAPI payant est nécessaire.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="72"/>
        <source>{what}: the job does not exist for this token (job not found); it may belong to another account or have expired.</source>
        <translation>{what} : le lot n’existe pas pour ce jeton (job not found) ; il appartient peut-être à un autre compte ou a expiré.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="75"/>
        <source>{what}: the job is still in progress (job not finished); wait until its status is finished.</source>
        <translation>{what} : le lot est encore en cours (job not finished) ; attendez que son état soit terminé.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="77"/>
        <source>{what} does not exist (not found); check the PriceAPI address in Settings.</source>
        <translation>{what} n’existe pas (not found) ; vérifiez l’adresse de PriceAPI dans Paramètres.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="79"/>
        <source>{what}: PriceAPI has temporarily disabled this source (source disabled); try again later or choose another source/country.</source>
        <translation>{what} : PriceAPI a temporairement désactivé cette source (source disabled) ; réessayez plus tard ou choisissez une autre source ou un autre pays.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="82"/>
        <source>{what}: PriceAPI has temporarily disabled this key (key disabled); try again later or choose another source/country.</source>
        <translation>{what} : PriceAPI a temporairement désactivé ce type de clé (key disabled) ; réessayez plus tard ou choisissez une autre source ou un autre pays.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="85"/>
        <source>{what}: PriceAPI has temporarily disabled this value (value disabled); try again later or choose another source/country.</source>
        <translation>{what} : PriceAPI a temporairement désactivé cette valeur (value disabled) ; réessayez plus tard ou choisissez une autre source ou un autre pays.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="89"/>
        <source>{what}: the request was rejected ({reason}); check the source, country and key settings.</source>
        <translation>{what} : la requête a été rejetée ({reason}) ; vérifiez les réglages de source, de pays et de type de clé.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="91"/>
        <source>{what}: the request was refused ({reason}).</source>
        <translation>{what} : la requête a été refusée ({reason}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="92"/>
        <source>{what}: answered HTTP {code} with a job id</source>
        <translation>{what} : réponse HTTP {code} avec un identifiant de lot</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="93"/>
        <source>it answered HTTP {code} naming a job</source>
        <translation>il a répondu HTTP {code} en nommant un lot</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="94"/>
        <source>a job needs at least one value; nothing was submitted.</source>
        <translation>un lot demande au moins une valeur ; rien n’a été envoyé.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="95"/>
        <source>a job takes at most {most} values ({n} given); split the values into several jobs.</source>
        <translation>un lot accepte au plus {most} valeurs ({n} données) ; répartissez les valeurs en plusieurs lots.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="97"/>
        <source>a value contains a line break, which PriceAPI uses to separate values; nothing was submitted.</source>
        <translation>une valeur contient un saut de ligne, que PriceAPI utilise pour séparer les valeurs ; rien n’a été envoyé.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="101"/>
        <source>a job of 1 value was sent but whether it was created is unknown ({detail}). It may have been created and will be charged when it finishes, so it was not sent again. Resume the run (--resume) to reconcile it; do not resubmit these values by hand.</source>
        <extracomment>one value, several values</extracomment>
        <translation>un lot d’1 valeur a été envoyé mais on ignore s’il a été créé ({detail}). Il a peut-être été créé et sera facturé à sa fin : il n’a donc pas été renvoyé. Reprenez la recherche (--resume) pour le rapprocher ; ne renvoyez pas ces valeurs à la main.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/services/priceapi.py" line="105"/>
        <source>a job of {n} values was sent but whether it was created is unknown ({detail}). It may have been created and will be charged when it finishes, so it was not sent again. Resume the run (--resume) to reconcile it; do not resubmit these values by hand.</source>
        <translation>un lot de {n} valeurs a été envoyé mais on ignore s’il a été créé ({detail}). Il a peut-être été créé et sera facturé à sa fin : il n’a donc pas été renvoyé. Reprenez la recherche (--resume) pour le rapprocher ; ne renvoyez pas ces valeurs à la main.</translation>
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
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="147"/>
        <source>Export finished</source>
        <translation>Export terminé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="151"/>
        <source>Open file</source>
        <translation>Ouvrir le fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="152"/>
        <source>Show in folder</source>
        <translation>Afficher dans le dossier</translation>
    </message>
</context>
<context>
    <name>ExportDone</name>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="130"/>
        <source>Saved {name} (%Ln row(s)).</source>
        <translation>
            <numerusform>{name} enregistré (%Ln ligne).</numerusform>
            <numerusform>{name} enregistré (%Ln lignes).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="136"/>
        <source>%Ln link(s) written as plain text: Excel allows about 65,000 links per sheet.</source>
        <translation>
            <numerusform>%Ln lien écrit en texte simple : Excel accepte environ 65 000 liens par feuille.</numerusform>
            <numerusform>%Ln liens écrits en texte simple : Excel accepte environ 65 000 liens par feuille.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="139"/>
        <source>%Ln very long text(s) cut to Excel&apos;s cell limit.</source>
        <translation>
            <numerusform>%Ln texte très long coupé à la limite d’une cellule Excel.</numerusform>
            <numerusform>%Ln textes très longs coupés à la limite d’une cellule Excel.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileDrop</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="82"/>
        <source>“{name}” is a folder. Drop a single spreadsheet file ({kinds}) instead.</source>
        <translation>« {name} » est un dossier. Déposez plutôt un seul fichier tableur ({kinds}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="86"/>
        <source>“{path}” does not exist (it may have been moved or renamed). Choose File &gt; Open to find it.</source>
        <translation>« {path} » n’existe pas (il a peut-être été déplacé ou renommé). Utilisez Fichier &gt; Ouvrir pour le retrouver.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="90"/>
        <source>“{name}” is not a spreadsheet Price Lookup can read. Save it as one of: {kinds}, then open that file.</source>
        <translation>« {name} » n’est pas un tableur que Price Lookup sait lire. Enregistrez-le dans l’un de ces formats : {kinds}, puis ouvrez ce fichier.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="100"/>
        <source>Nothing usable was dropped. Drop a spreadsheet file from your file manager.</source>
        <translation>Rien d’utilisable n’a été déposé. Déposez un fichier tableur depuis votre gestionnaire de fichiers.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="42"/>
        <source>%Ln item(s) dropped. Price Lookup works on one spreadsheet at a time: drop just one file.</source>
        <extracomment>what the reader understands (the same list as `pricelookup validate`) the filter string of the Open dialog</extracomment>
        <translation>
            <numerusform>%Ln élément déposé. Price Lookup traite un tableur à la fois : déposez un seul fichier.</numerusform>
            <numerusform>%Ln éléments déposés. Price Lookup traite un tableur à la fois : déposez un seul fichier.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/file_drop.py" line="105"/>
        <source>“{url}” is a web address. Download the file to your computer first, then drop the downloaded file.</source>
        <translation>« {url} » est une adresse web. Téléchargez d’abord le fichier sur votre ordinateur, puis déposez le fichier téléchargé.</translation>
    </message>
</context>
<context>
    <name>InputBar</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="29"/>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="65"/>
        <source>No file open</source>
        <translation>Aucun fichier ouvert</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="32"/>
        <source>The worksheet to read; changing it reads the file again</source>
        <translation>La feuille à lire ; la changer relit le fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="35"/>
        <source>The column holding the product codes; changing it checks the codes again</source>
        <translation>La colonne des codes produits ; la changer vérifie à nouveau les codes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="37"/>
        <source>CIP7 codes</source>
        <translation>Codes CIP7</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="38"/>
        <source>Treat 7-digit codes as French pharmacy CIP7 codes and convert them to CIP13</source>
        <translation>Traiter les codes à 7 chiffres comme des codes CIP7 et les convertir en CIP13</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="39"/>
        <source>Problems only</source>
        <translation>Problèmes seulement</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="40"/>
        <source>Show only rows that are invalid, empty, repaired, duplicated or restricted</source>
        <translation>N’afficher que les lignes invalides, vides, corrigées, en double ou à diffusion restreinte</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="42"/>
        <source>Changed only</source>
        <translation>Modifiés seulement</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="45"/>
        <source>Sheet:</source>
        <translation>Feuille :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="47"/>
        <source>Code column:</source>
        <translation>Colonne des codes :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="65"/>
        <source>Your Snipcart catalogue</source>
        <translation>Votre catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="76"/>
        <source>Detected: {reason}
Pick another column to check it instead.</source>
        <translation>Détectée : {reason}
Choisissez une autre colonne pour la vérifier à la place.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="87"/>
        <source>Show only rows whose lowest price or offer count moved since the earlier run over these codes</source>
        <translation>N’afficher que les lignes dont le prix le plus bas ou le nombre d’offres a changé depuis la recherche précédente sur ces codes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/input_bar.py" line="89"/>
        <source>Applies after a run over codes an earlier run looked up too: it then shows only what moved</source>
        <translation>S’applique après une recherche sur des codes déjà recherchés auparavant : n’affiche alors que ce qui a changé</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="214"/>
        <source>&amp;Open…</source>
        <extracomment>while a run goes on, the product shown in the detail pane is read again this often (its answers grow) the journal&apos;s run whose products the detail pane shows (the running one once its id is known, else the last finished or opened one of the shown table)</extracomment>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="215"/>
        <source>Open a spreadsheet of product codes (Ctrl+O)</source>
        <translation>Ouvrir un tableur de codes produits (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="216"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="248"/>
        <source>&amp;Run</source>
        <translation>&amp;Lancer</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="217"/>
        <source>Look up every usable code (Ctrl+R)</source>
        <translation>Rechercher tous les codes utilisables (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="218"/>
        <source>&amp;Cancel run</source>
        <translation>&amp;Annuler la recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="219"/>
        <source>Stop the run (Esc); it can be resumed later</source>
        <translation>Arrêter la recherche (Échap) ; elle pourra être reprise</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="220"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="221"/>
        <source>Write the results to an Excel workbook (Ctrl+E)</source>
        <translation>Écrire les résultats dans un classeur Excel (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="222"/>
        <source>Export a &amp;previous run…</source>
        <translation>Exporter une recherche &amp;précédente…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="223"/>
        <source>Write a finished run&apos;s workbook again from the journal</source>
        <translation>Réécrire le classeur d’une recherche terminée à partir du journal</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="224"/>
        <source>Open a pre&amp;vious run…</source>
        <translation>Ou&amp;vrir une recherche précédente…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="225"/>
        <source>Show a run of the journal again: its table, answers, offers and price history (nothing is paid)</source>
        <translation>Afficher de nouveau une recherche du journal : son tableau, ses réponses, ses offres et l’historique des prix (rien n’est payé)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="227"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="227"/>
        <source>Close Price Lookup</source>
        <translation>Fermer Price Lookup</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="228"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="229"/>
        <source>Keys, language and journal folder</source>
        <translation>Clés, langue et dossier du journal</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="230"/>
        <source>&amp;Sandbox mode (simulated data)</source>
        <translation>Mode &amp;bac à sable (données simulées)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="232"/>
        <source>Run against the built-in simulated services: no keys needed, nothing is paid, the data is made up</source>
        <translation>Utiliser les services simulés intégrés : aucune clé nécessaire, rien n’est payé, les données sont inventées</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="235"/>
        <source>&amp;About Price Lookup</source>
        <translation>À &amp;propos de Price Lookup</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="238"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="240"/>
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="253"/>
        <source>&amp;Settings</source>
        <translation>&amp;Paramètres</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="255"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="257"/>
        <source>Main</source>
        <translation>Principale</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="268"/>
        <source>Sandbox — simulated data: prices, shops and products are made up and nothing is paid. Switch it off in the Run menu to use your real services.</source>
        <translation>Bac à sable — données simulées : prix, boutiques et produits sont inventés et rien n’est payé. Désactivez-le dans le menu Lancer pour utiliser vos vrais services.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="339"/>
        <source>Drop a spreadsheet of product codes here</source>
        <translation>Déposez ici un tableur de codes produits</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="345"/>
        <source>Excel (xlsx, xlsm, xls, xlsb), OpenDocument (ods) or text (csv, tsv, txt). Every code is checked before anything is looked up.</source>
        <translation>Excel (xlsx, xlsm, xls, xlsb), OpenDocument (ods) ou texte (csv, tsv, txt). Chaque code est vérifié avant toute recherche.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="350"/>
        <source>Open a spreadsheet…</source>
        <translation>Ouvrir un tableur…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="352"/>
        <source>Try the sample file</source>
        <translation>Essayer le fichier d’exemple</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="353"/>
        <source>Open the sample shipped with Price Lookup</source>
        <translation>Ouvrir l’exemple fourni avec Price Lookup</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="472"/>
        <source>Snipcart catalogue</source>
        <translation>Catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="473"/>
        <source>[Sandbox]</source>
        <translation>[Bac à sable]</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="483"/>
        <source>Open a spreadsheet</source>
        <translation>Ouvrir un tableur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="484"/>
        <source>Spreadsheets ({patterns});;All files (*)</source>
        <translation>Tableurs ({patterns});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="491"/>
        <source>A run is in progress: wait for it to end or cancel it first.</source>
        <translation>Une recherche est en cours : attendez sa fin ou annulez-la d’abord.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="495"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="504"/>
        <source>Cannot open this</source>
        <translation>Impossible d’ouvrir ceci</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="516"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="518"/>
        <source>Reading {name}…</source>
        <translation>Lecture de {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="539"/>
        <source>Opened {name}, sheet “{sheet}”, code column “{column}” ({reason}).</source>
        <translation>{name} ouvert, feuille « {sheet} », colonne des codes « {column} » ({reason}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="591"/>
        <source>Opening {name}</source>
        <translation>Ouverture de {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="654"/>
        <source>Select a row to see its product: every offer and the price history.</source>
        <translation>Sélectionnez une ligne pour voir son produit : toutes ses offres et l’historique de ses prix.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="658"/>
        <source>Row {row} has no usable code, so nothing was looked up for it.</source>
        <translation>La ligne {row} n’a pas de code utilisable : rien n’a été recherché pour elle.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="665"/>
        <source>The run is starting: this product shows here as soon as the run is in the journal.</source>
        <translation>La recherche démarre : ce produit s’affichera ici dès qu’elle sera dans le journal.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="667"/>
        <source>No run yet for this table. Run the look-up (Ctrl+R) to see this product&apos;s offers and price history here, or open a previous run from the File menu.</source>
        <translation>Aucune recherche encore pour ce tableau. Lancez la recherche (Ctrl+R) pour voir ici les offres et l’historique des prix de ce produit, ou ouvrez une recherche précédente depuis le menu Fichier.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="690"/>
        <source>Importing your Snipcart catalogue…</source>
        <translation>Import de votre catalogue Snipcart…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="703"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1131"/>
        <source>&lt;b&gt;Your Snipcart catalogue&lt;/b&gt;</source>
        <translation>&lt;b&gt;Votre catalogue Snipcart&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="717"/>
        <source>Importing the Snipcart catalogue</source>
        <translation>Import du catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="775"/>
        <source>No recent files</source>
        <translation>Aucun fichier récent</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="779"/>
        <source>Clear the list</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="808"/>
        <source>Sandbox: simulated data</source>
        <translation>Bac à sable : données simulées</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="808"/>
        <source>Live services</source>
        <translation>Services réels</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="830"/>
        <source>About Price Lookup</source>
        <translation>À propos de Price Lookup</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="831"/>
        <source>Checks spreadsheets of product codes, looks them up in PriceAPI, adds OfficiScan and Monitorize prices and writes an Excel workbook.
Log file: {log}</source>
        <translation>Vérifie des tableurs de codes produits, les recherche dans PriceAPI, ajoute les prix OfficiScan et Monitorize et écrit un classeur Excel.
Fichier journal : {log}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="839"/>
        <source>Estimating the cost…</source>
        <translation>Estimation du coût…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="858"/>
        <source>&lt;b&gt;No estimate yet.&lt;/b&gt; {text}</source>
        <translation>&lt;b&gt;Pas encore d’estimation.&lt;/b&gt; {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="882"/>
        <source>Run started.</source>
        <translation>Recherche lancée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="887"/>
        <source>Running… press Esc to cancel.</source>
        <translation>Recherche en cours… Échap pour annuler.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="893"/>
        <source>Cancelling… submitted jobs stay in the journal.</source>
        <translation>Annulation… les lots déjà envoyés restent dans le journal.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="894"/>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="532"/>
        <source>{name}: {rows}, {unique}.</source>
        <translation>{name} : {rows}, {unique}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="533"/>
        <source>%Ln row(s) read</source>
        <translation>
            <numerusform>%Ln ligne lue</numerusform>
            <numerusform>%Ln lignes lues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="534"/>
        <source>%Ln distinct code(s) to look up</source>
        <translation>
            <numerusform>%Ln code distinct à rechercher</numerusform>
            <numerusform>%Ln codes distincts à rechercher</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="537"/>
        <source>Tick “Problems only” to see the %Ln row(s) that need a look.</source>
        <translation>
            <numerusform>Cochez « Problèmes seulement » pour voir %Ln ligne à examiner.</numerusform>
            <numerusform>Cochez « Problèmes seulement » pour voir les %Ln lignes à examiner.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="704"/>
        <source>Imported your Snipcart catalogue: %Ln product(s).</source>
        <translation>
            <numerusform>Catalogue Snipcart importé : %Ln produit.</numerusform>
            <numerusform>Catalogue Snipcart importé : %Ln produits.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="930"/>
        <source>Run {status}: {found}, {failed}, {credits}, {cached}.</source>
        <translation>Recherche {status} : {found}, {failed}, {credits}, {cached}.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="932"/>
        <source>%Ln found</source>
        <translation>
            <numerusform>%Ln trouvé</numerusform>
            <numerusform>%Ln trouvés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="933"/>
        <source>%Ln not found or failed</source>
        <translation>
            <numerusform>%Ln introuvable ou en échec</numerusform>
            <numerusform>%Ln introuvables ou en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="934"/>
        <source>%Ln credit(s) used</source>
        <translation>
            <numerusform>%Ln crédit utilisé</numerusform>
            <numerusform>%Ln crédits utilisés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="935"/>
        <source>%Ln from recent runs (free)</source>
        <translation>
            <numerusform>%Ln repris (gratuit)</numerusform>
            <numerusform>%Ln repris (gratuits)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="906"/>
        <source>{service} could not be used: {problem}</source>
        <translation>{service} n’a pas pu être utilisé : {problem}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="909"/>
        <source>Press Export (Ctrl+E) to save the workbook.</source>
        <translation>Cliquez sur Exporter (Ctrl+E) pour enregistrer le classeur.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="924"/>
        <source>%Ln row(s) changed since the earlier run over these codes: tick “Changed only” to see them.</source>
        <translation>
            <numerusform>%Ln ligne a changé depuis la recherche précédente sur ces codes : cochez « Modifiés seulement » pour la voir.</numerusform>
            <numerusform>%Ln lignes ont changé depuis la recherche précédente sur ces codes : cochez « Modifiés seulement » pour les voir.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="938"/>
        <source>finished</source>
        <translation>terminée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="938"/>
        <source>finished with gaps</source>
        <translation>terminée avec des manques</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="939"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="957"/>
        <source>cancelled</source>
        <translation>annulée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="943"/>
        <source>The run</source>
        <translation>La recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="944"/>
        <source>The run stopped: {text}</source>
        <translation>La recherche s’est arrêtée : {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="945"/>
        <source>The run stopped.</source>
        <translation>La recherche s’est arrêtée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="946"/>
        <source>stopped</source>
        <translation>arrêtée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="954"/>
        <source>Cancelled. Press Run again to continue where it stopped (nothing already paid is paid again).</source>
        <translation>Annulée. Cliquez à nouveau sur Lancer pour reprendre là où elle s’est arrêtée (rien de ce qui est déjà payé n’est payé deux fois).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="956"/>
        <source>Cancelled.</source>
        <translation>Annulée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="983"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1133"/>
        <source>your Snipcart catalogue</source>
        <translation>votre catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="988"/>
        <source>Resume the interrupted run?</source>
        <translation>Reprendre la recherche interrompue ?</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="989"/>
        <source>The look-up of {name} started {when} did not finish.</source>
        <translation>La recherche sur {name} lancée le {when} n’est pas terminée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="990"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="990"/>
        <source>Not now</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="992"/>
        <source>Jobs already submitted are collected, and codes already answered are not paid for again.</source>
        <translation>Les lots déjà envoyés sont récupérés et les codes déjà traités ne sont pas payés une seconde fois.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1011"/>
        <source>The input file is missing</source>
        <translation>Le fichier d’entrée est introuvable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1012"/>
        <source>The interrupted run read {path}, which is no longer there.</source>
        <translation>La recherche interrompue lisait {path}, qui n’existe plus.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1013"/>
        <source>Put the file back (or reconnect the drive) and choose Resume again when Price Lookup starts; submitted jobs stay in the journal.</source>
        <translation>Remettez le fichier en place (ou rebranchez le disque) et choisissez Reprendre au prochain démarrage ; les lots envoyés restent dans le journal.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1046"/>
        <source>Writing {name}…</source>
        <translation>Écriture de {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1047"/>
        <source>Writing {path} ({layout} layout)…</source>
        <translation>Écriture de {path} (disposition {layout})…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1048"/>
        <source>row</source>
        <translation>en lignes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1048"/>
        <source>column</source>
        <translation>en colonnes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1054"/>
        <source>Saved {name}.</source>
        <translation>{name} enregistré.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1055"/>
        <source>Saved {path}.</source>
        <translation>{path} enregistré.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1062"/>
        <source>The export</source>
        <translation>L’export</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1073"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1092"/>
        <source>No earlier runs</source>
        <translation>Aucune recherche précédente</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1073"/>
        <source>The journal holds no finished run to export yet.</source>
        <translation>Le journal ne contient encore aucune recherche terminée à exporter.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1082"/>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1101"/>
        <source>Reading the journal</source>
        <translation>Lecture du journal</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1092"/>
        <source>The journal holds no run to open yet.</source>
        <translation>Le journal ne contient encore aucune recherche à ouvrir.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1109"/>
        <source>Opening run {run}…</source>
        <translation>Ouverture de la recherche {run}…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1116"/>
        <source>The run cannot be shown</source>
        <translation>La recherche ne peut pas être affichée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1117"/>
        <source>The journal no longer holds the table run {run} read.</source>
        <translation>Le journal ne contient plus le tableau lu par la recherche {run}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1134"/>
        <source>Opened run {run} of {name} from the journal.</source>
        <translation>Recherche {run} de {name} ouverte depuis le journal.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1141"/>
        <source>Opening the run</source>
        <translation>Ouverture de la recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1158"/>
        <source>A run is in progress</source>
        <translation>Une recherche est en cours</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1159"/>
        <source>Stop the run and close Price Lookup?</source>
        <translation>Arrêter la recherche et fermer Price Lookup ?</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1160"/>
        <source>Stop and close</source>
        <translation>Arrêter et fermer</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1161"/>
        <source>Keep running</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1163"/>
        <source>Jobs already submitted stay in the journal: next time, Price Lookup offers to resume them without paying twice.</source>
        <translation>Les lots déjà envoyés restent dans le journal : la prochaine fois, Price Lookup proposera de les reprendre sans payer deux fois.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/main_window.py" line="1181"/>
        <source>Cancelling the run, then closing…</source>
        <translation>Annulation de la recherche, puis fermeture…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="108"/>
        <source>Something went wrong</source>
        <translation>Un problème est survenu</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="111"/>
        <source>No {service} key yet</source>
        <translation>Pas encore de clé {service}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="111"/>
        <source>Price Lookup needs your {service} key for this.</source>
        <translation>Price Lookup a besoin de votre clé {service} pour cela.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="112"/>
        <source>Open Settings (Ctrl+,) and paste the key, or switch on sandbox mode in the Run menu to try with simulated data.</source>
        <translation>Ouvrez Paramètres (Ctrl+,) et collez la clé, ou activez le mode bac à sable dans le menu Lancer pour essayer avec des données simulées.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="116"/>
        <source>The file could not be read</source>
        <translation>Le fichier n’a pas pu être lu</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="116"/>
        <source>Check the file in your spreadsheet program, save a copy (as .xlsx or .csv) and open that copy.</source>
        <translation>Vérifiez le fichier dans votre tableur, enregistrez-en une copie (en .xlsx ou .csv) et ouvrez cette copie.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="119"/>
        <source>Setting not usable</source>
        <translation>Réglage inutilisable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="119"/>
        <source>Pick another sheet or column, or correct the setting, and try again.</source>
        <translation>Choisissez une autre feuille ou colonne, ou corrigez le réglage, puis réessayez.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="122"/>
        <source>Key refused</source>
        <translation>Clé refusée</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="122"/>
        <source>Open Settings (Ctrl+,), enter the key for {service}, press “Test connection”, then run again.</source>
        <translation>Ouvrez Paramètres (Ctrl+,), saisissez la clé {service}, cliquez sur « Tester la connexion », puis relancez.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="126"/>
        <source>Over budget: nothing was paid</source>
        <translation>Budget dépassé : rien n’a été payé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="126"/>
        <source>Raise the credit budget in the PriceAPI panel, look up fewer codes, or run again tomorrow.</source>
        <translation>Augmentez le budget de crédits dans l’onglet PriceAPI, recherchez moins de codes, ou relancez demain.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="129"/>
        <source>Quota exceeded</source>
        <translation>Quota dépassé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="129"/>
        <source>Run again when the quota resets (tomorrow); rows already answered are kept and not paid again.</source>
        <translation>Relancez quand le quota sera renouvelé (demain) ; les lignes déjà traitées sont conservées et ne sont pas payées à nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="132"/>
        <source>Service not reachable</source>
        <translation>Service injoignable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="132"/>
        <source>Check your network connection and try again later. The run is kept in the journal: Run again to resume it without paying twice.</source>
        <translation>Vérifiez votre connexion réseau et réessayez plus tard. La recherche est conservée dans le journal : relancez-la pour la reprendre sans payer deux fois.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="136"/>
        <source>Service error</source>
        <translation>Erreur du service</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="136"/>
        <source>Try again later. If it keeps happening, send the log file to support.</source>
        <translation>Réessayez plus tard. Si cela se reproduit, envoyez le fichier journal au support.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="139"/>
        <source>The workbook could not be written</source>
        <translation>Le classeur n’a pas pu être écrit</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="139"/>
        <source>Close the file if it is open in Excel, or choose another folder, then export again.</source>
        <translation>Fermez le fichier s’il est ouvert dans Excel, ou choisissez un autre dossier, puis exportez à nouveau.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="142"/>
        <source>The run journal cannot be used</source>
        <translation>Le journal des recherches est inutilisable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="142"/>
        <source>Start a new run instead of resuming, or choose another data folder in Settings.</source>
        <translation>Lancez une nouvelle recherche au lieu de reprendre, ou choisissez un autre dossier dans Paramètres.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="145"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="150"/>
        <source>the log file</source>
        <translation>le fichier journal</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="153"/>
        <source>An unexpected problem stopped this action ({kind}).</source>
        <translation>Un problème inattendu a interrompu cette action ({kind}).</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/messages.py" line="155"/>
        <source>Details were written to {log}. Please send that file to support. Your data and the run journal are safe; you can try again.</source>
        <translation>Les détails sont dans {log}. Merci d’envoyer ce fichier au support. Vos données et le journal des recherches sont intacts ; vous pouvez réessayer.</translation>
    </message>
</context>
<context>
    <name>MonitorizePanel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="180"/>
        <source>Add competitor offers from Monitorize</source>
        <translation>Ajouter les offres concurrentes de Monitorize</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="182"/>
        <source>Monitorize products are matched to your rows by their reference; by default the reference is compared with the code</source>
        <translation>Les produits Monitorize sont rapprochés de vos lignes par leur référence ; par défaut la référence est comparée au code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="184"/>
        <source>Also fetch price history</source>
        <translation>Récupérer aussi l’historique des prix</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="186"/>
        <source>Match on:</source>
        <translation>Rapprocher par :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="203"/>
        <source>The code column</source>
        <translation>La colonne des codes</translation>
    </message>
</context>
<context>
    <name>OfficiscanPanel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="122"/>
        <source>Add pharmacy prices from OfficiScan</source>
        <translation>Ajouter les prix en pharmacie d’OfficiScan</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="126"/>
        <source>Price history to collect, up to 90 days</source>
        <translation>Historique des prix à récupérer, jusqu’à 90 jours</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="129"/>
        <source>All networks</source>
        <translation>Tous les réseaux</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="132"/>
        <source>Only this pharmacy network (type another name if needed)</source>
        <translation>Uniquement ce réseau de pharmacies (saisissez un autre nom si besoin)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="133"/>
        <source>Also fetch variants (sizes, packs)</source>
        <translation>Récupérer aussi les déclinaisons (tailles, lots)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="135"/>
        <source>History:</source>
        <translation>Historique :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="136"/>
        <source>Network:</source>
        <translation>Réseau :</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="147"/>
        <source> day(s)</source>
        <comment>history length unit</comment>
        <translation>
            <numerusform> jour</numerusform>
            <numerusform> jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PriceApiPanel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="51"/>
        <source>Price comparison site or marketplace to search (see your PriceAPI dashboard)</source>
        <extracomment>a few of PriceAPI&apos;s sources; the combo is editable because the dashboard lists more per account ISO 3166 alpha-2, lower case, as PriceAPI expects OfficiScan networks seen in the documentation; free text is accepted</extracomment>
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
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="90"/>
        <source> credit(s)</source>
        <comment>budget unit</comment>
        <translation>
            <numerusform> crédit</numerusform>
            <numerusform> crédits</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="71"/>
        <source>The run stops before paying anything if its estimate is above this</source>
        <translation>La recherche s’arrête avant de payer quoi que ce soit si son estimation dépasse ce montant</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="72"/>
        <source>Also look up restricted and coupon codes</source>
        <translation>Rechercher aussi codes restreints et coupons</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="73"/>
        <source>In-store and coupon codes rarely match anything online; they cost credits too</source>
        <translation>Les codes internes et les coupons correspondent rarement à un produit en ligne ; ils coûtent aussi des crédits</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="74"/>
        <source>Source:</source>
        <translation>Source :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="75"/>
        <source>Country:</source>
        <translation>Pays :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="76"/>
        <source>Offers:</source>
        <translation>Offres :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="77"/>
        <source>Freshness:</source>
        <translation>Fraîcheur :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="78"/>
        <source>Budget:</source>
        <translation>Budget :</translation>
    </message>
</context>
<context>
    <name>ProductView</name>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="44"/>
        <source>%Ln offer(s)</source>
        <translation>
            <numerusform>%Ln offre</numerusform>
            <numerusform>%Ln offres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="48"/>
        <source>%Ln review(s)</source>
        <translation>
            <numerusform>%Ln avis</numerusform>
            <numerusform>%Ln avis</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="101"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="114"/>
        <source>Source</source>
        <extracomment>columns whose cells are numbers (right-aligned; sorted by value)</extracomment>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="101"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="114"/>
        <source>Seller</source>
        <translation>Vendeur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="102"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="115"/>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="102"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="116"/>
        <source>Shipping</source>
        <translation>Livraison</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="103"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="116"/>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="103"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="117"/>
        <source>Stock</source>
        <translation>Stock</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="104"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="117"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="104"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="118"/>
        <source>Promo</source>
        <translation>Promo</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="105"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="118"/>
        <source>Strike price</source>
        <translation>Prix barré</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="105"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="119"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="115"/>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="119"/>
        <source>Link</source>
        <translation>Lien</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="128"/>
        <source>in stock</source>
        <translation>en stock</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="128"/>
        <source>out of stock</source>
        <translation>en rupture</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="199"/>
        <source>Product {gtin}</source>
        <translation>Produit {gtin}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="206"/>
        <source>rated {rating}/100</source>
        <translation>noté {rating}/100</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="216"/>
        <source>Known under: {codes}</source>
        <translation>Connu sous : {codes}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="227"/>
        <source>found by PriceAPI</source>
        <translation>trouvé par PriceAPI</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="228"/>
        <source>not found by PriceAPI</source>
        <translation>introuvable sur PriceAPI</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="229"/>
        <source>not looked up yet</source>
        <translation>pas encore recherché</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="230"/>
        <source>PriceAPI: {reason}</source>
        <translation>PriceAPI : {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="235"/>
        <source>Code {gtin}</source>
        <translation>Code {gtin}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="238"/>
        <source>{code}: {status}</source>
        <translation>{code} : {status}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="251"/>
        <source>Your price: {price}</source>
        <translation>Votre prix : {price}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="256"/>
        <source>{pct} above the lowest</source>
        <translation>{pct} au-dessus du plus bas</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="258"/>
        <source>{pct} below the lowest</source>
        <translation>{pct} sous le plus bas</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="260"/>
        <source>the lowest price</source>
        <translation>le prix le plus bas</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="262"/>
        <source>rank {rank}</source>
        <translation>rang {rank}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="264"/>
        <source>(nobody is cheaper)</source>
        <translation>(personne n’est moins cher)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="275"/>
        <source>lowest {arrow} {pct}</source>
        <translation>plus bas {arrow} {pct}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="278"/>
        <source>lowest not comparable</source>
        <translation>plus bas non comparable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="281"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="376"/>
        <source>offers {old} → {new}</source>
        <translation>offres {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="283"/>
        <source>Since the run of {date}: {moves}</source>
        <translation>Depuis la recherche du {date} : {moves}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="286"/>
        <source>(nothing moved)</source>
        <translation>(rien n’a changé)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="303"/>
        <source>{source}: {text}</source>
        <translation>{source} : {text}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="313"/>
        <source>No price history for this product yet: it appears once a service has dated prices for it or after a second run.</source>
        <translation>Pas encore d’historique des prix pour ce produit : il apparaît dès qu’un service a des prix datés pour lui, ou après une deuxième recherche.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="339"/>
        <source>offers {move}</source>
        <translation>offres {move}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="370"/>
        <source>lowest price {old} → {new}</source>
        <translation>prix le plus bas {old} → {new}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="373"/>
        <source>lowest price {new}, not comparable with the earlier run</source>
        <translation>prix le plus bas {new}, non comparable à la recherche précédente</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="413"/>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="490"/>
        <source>PriceAPI · lowest per run</source>
        <translation>PriceAPI · plus bas par recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="441"/>
        <source>Your price</source>
        <translation>Votre prix</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="441"/>
        <source>you</source>
        <translation>vous</translation>
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
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="127"/>
        <source>PriceAPI reports 100 % but is still finishing this job; it will be collected.</source>
        <translation>PriceAPI indique 100 % mais termine encore ce lot ; il sera récupéré.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="133"/>
        <source>Job</source>
        <translation>Lot</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="133"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="134"/>
        <source>Progress</source>
        <translation>Avancement</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="134"/>
        <source>Codes</source>
        <translation>Codes</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="144"/>
        <source>Open a spreadsheet to see what a run would cost.</source>
        <translation>Ouvrez un tableur pour voir ce que coûterait une recherche.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="147"/>
        <source>Run</source>
        <translation>Lancer</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="148"/>
        <source>Look up every usable code (Ctrl+R)</source>
        <translation>Rechercher tous les codes utilisables (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="149"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="150"/>
        <source>Stop the run (Esc); submitted jobs stay in the journal and can be resumed</source>
        <translation>Arrêter la recherche (Échap) ; les lots envoyés restent dans le journal et pourront être repris</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="151"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="152"/>
        <source>Write the results to an Excel workbook (Ctrl+E)</source>
        <translation>Écrire les résultats dans un classeur Excel (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="182"/>
        <source>PriceAPI bulk jobs of this run (up to 1,000 codes each)</source>
        <translation>Lots PriceAPI de cette recherche (jusqu’à 1 000 codes chacun)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="186"/>
        <source>What the run does appears here.</source>
        <translation>Le déroulement de la recherche s’affiche ici.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="236"/>
        <source>&lt;b&gt;Estimate:&lt;/b&gt; &lt;b&gt;{credits}&lt;/b&gt; for {codes} (PriceAPI jobs: {jobs})</source>
        <translation>&lt;b&gt;Estimation :&lt;/b&gt; &lt;b&gt;{credits}&lt;/b&gt; pour {codes} (lots PriceAPI : {jobs})</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="237"/>
        <source>%Ln credit(s)</source>
        <translation>
            <numerusform>%Ln crédit</numerusform>
            <numerusform>%Ln crédits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="238"/>
        <source>%Ln code(s) to look up</source>
        <translation>
            <numerusform>%Ln code à rechercher</numerusform>
            <numerusform>%Ln codes à rechercher</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="251"/>
        <source>Today&apos;s remaining quota: %Ln credit(s)</source>
        <translation>
            <numerusform>Quota restant aujourd’hui : %Ln crédit</numerusform>
            <numerusform>Quota restant aujourd’hui : %Ln crédits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="258"/>
        <source>Your budget: %Ln credit(s)</source>
        <translation>
            <numerusform>Votre budget : %Ln crédit</numerusform>
            <numerusform>Votre budget : %Ln crédits</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="240"/>
        <source>Answered from recent runs, free: {cached}</source>
        <translation>Repris de recherches récentes, gratuits : {cached}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="243"/>
        <source>Already paid in the interrupted run, collected without paying again: {n}</source>
        <translation>Déjà payés lors de la recherche interrompue, récupérés sans repayer : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="246"/>
        <source>Codes whose submission is uncertain (not sent again): {n}</source>
        <translation>Codes dont l’envoi est incertain (non renvoyés) : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="249"/>
        <source>With these offer settings a code may cost more than one credit.</source>
        <translation>Avec ces réglages d’offres, un code peut coûter plus d’un crédit.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/run_panel.py" line="254"/>
        <source>(not enough: the run would stop before paying)</source>
        <translation>(insuffisant : la recherche s’arrêterait avant de payer)</translation>
    </message>
</context>
<context>
    <name>RunPickerDialog</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="173"/>
        <source>Export a previous run</source>
        <translation>Exporter une recherche précédente</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="173"/>
        <source>Open a previous run</source>
        <translation>Ouvrir une recherche précédente</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="175"/>
        <source>The run&apos;s table, answers, offers and price history are read from the journal: no service is called, nothing is paid.</source>
        <translation>Le tableau, les réponses, les offres et l’historique des prix de la recherche sont lus dans le journal : aucun service n’est appelé, rien n’est payé.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="177"/>
        <source>The workbook is written again from the journal: no service is called, nothing is paid.</source>
        <translation>Le classeur est réécrit à partir du journal : aucun service n’est appelé, rien n’est payé.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="181"/>
        <source>Started</source>
        <translation>Lancée le</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="181"/>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="181"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="181"/>
        <source>Run</source>
        <translation>Recherche</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="193"/>
        <source>Snipcart catalogue</source>
        <translation>Catalogue Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="203"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/export_dialog.py" line="203"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
</context>
<context>
    <name>ServicePanels</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="302"/>
        <source>Snipcart</source>
        <translation>Snipcart</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="303"/>
        <source>Market prices from price comparison sites (paid per code)</source>
        <translation>Prix du marché des comparateurs (payant par code)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="304"/>
        <source>Prices in online pharmacies</source>
        <translation>Prix des pharmacies en ligne</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="305"/>
        <source>Your competitors&apos; offers as Monitorize tracks them</source>
        <translation>Les offres de vos concurrents suivies par Monitorize</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="306"/>
        <source>Your own shop&apos;s catalogue</source>
        <translation>Le catalogue de votre boutique</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="49"/>
        <source>Settings</source>
        <extracomment>QSettings keys shared with the main window and app start-up</extracomment>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="60"/>
        <source>Keys</source>
        <translation>Clés</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="61"/>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="76"/>
        <source>Keys are kept in your system&apos;s keyring, never in a file. Leave a field empty to keep the stored key.</source>
        <translation>Les clés sont conservées dans le trousseau du système, jamais dans un fichier. Laissez un champ vide pour garder la clé enregistrée.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="81"/>
        <source>Sandbox mode is on: “Test connection” checks against the simulated services.</source>
        <translation>Le mode bac à sable est actif : « Tester la connexion » vérifie auprès des services simulés.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="88"/>
        <source>checking…</source>
        <translation>vérification…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="89"/>
        <source>Paste the {service} key here</source>
        <translation>Collez ici la clé {service}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="91"/>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="92"/>
        <source>Make one small call to {service} with this key</source>
        <translation>Faire un petit appel à {service} avec cette clé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="93"/>
        <source>Forget</source>
        <translation>Oublier</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="94"/>
        <source>Remove the stored {service} key from the keyring</source>
        <translation>Retirer la clé {service} du trousseau</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="118"/>
        <source>set by an environment variable</source>
        <translation>définie par une variable d’environnement</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="120"/>
        <source>stored in the keyring</source>
        <translation>enregistrée dans le trousseau</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="122"/>
        <source>not set</source>
        <translation>non définie</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="128"/>
        <source>keyring not available</source>
        <translation>trousseau indisponible</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="134"/>
        <source>will be removed when you press OK</source>
        <translation>sera retirée quand vous cliquerez sur OK</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="141"/>
        <source>No key yet: paste the {service} key in the field first.</source>
        <translation>Pas encore de clé : collez d’abord la clé {service}.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="145"/>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="150"/>
        <source>Connected: the key works.</source>
        <translation>Connecté : la clé fonctionne.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="165"/>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="169"/>
        <source>A new language applies the next time Price Lookup starts.</source>
        <translation>Une nouvelle langue s’applique au prochain démarrage de Price Lookup.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="172"/>
        <source>default folder</source>
        <translation>dossier par défaut</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="173"/>
        <source>Where the run journal is kept (lets runs resume and avoids paying twice)</source>
        <translation>Où est conservé le journal des recherches (permet de reprendre et évite de payer deux fois)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="174"/>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="179"/>
        <source>Remember recently opened files</source>
        <translation>Mémoriser les fichiers ouverts récemment</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="181"/>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="183"/>
        <source>Journal folder:</source>
        <translation>Dossier du journal :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="188"/>
        <source>Journal folder</source>
        <translation>Dossier du journal</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/settings_dialog.py" line="206"/>
        <source>Saving the keys</source>
        <translation>Enregistrement des clés</translation>
    </message>
</context>
<context>
    <name>ShopPanel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="235"/>
        <source>Start from your own Snipcart catalogue instead of a file: its prices and stock travel with each row, so the workbook compares them with the market.</source>
        <extracomment>the analyst asked to start from the Snipcart catalogue instead of a file</extracomment>
        <translation>Partez de votre propre catalogue Snipcart au lieu d’un fichier : ses prix et son stock suivent chaque ligne, et le classeur les compare au marché.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="238"/>
        <source>Import my catalogue</source>
        <translation>Importer mon catalogue</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="239"/>
        <source>Use every product of your Snipcart shop as the input (needs a Snipcart key in Settings, or sandbox mode)</source>
        <translation>Utiliser tous les produits de votre boutique Snipcart comme entrée (nécessite une clé Snipcart dans Paramètres, ou le mode bac à sable)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="245"/>
        <source>A column of the input holding your own price: the workbook adds the gap to the lowest price and your rank among the shops</source>
        <translation>Une colonne de l’entrée avec votre propre prix : le classeur ajoute l’écart au prix le plus bas et votre rang parmi les boutiques</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="247"/>
        <source>Your price column:</source>
        <translation>Colonne de votre prix :</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="263"/>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="272"/>
        <source>Input: your Snipcart catalogue.</source>
        <translation>Entrée : votre catalogue Snipcart.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/service_panels.py" line="273"/>
        <source>Input: the open file.</source>
        <translation>Entrée : le fichier ouvert.</translation>
    </message>
</context>
<context>
    <name>SummaryBar</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="57"/>
        <source>Data rows read from the sheet</source>
        <translation>Lignes de données lues dans la feuille</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="58"/>
        <source>Codes that are correct as they are</source>
        <translation>Codes corrects tels quels</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="60"/>
        <source>Codes made usable by a safe repair (spaces removed, leading zeros restored…); hover a row for details</source>
        <translation>Codes rendus utilisables par une correction sûre (espaces retirés, zéros initiaux rétablis…) ; survolez une ligne pour le détail</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="61"/>
        <source>Codes that cannot be used; hover a row for the reason</source>
        <translation>Codes inutilisables ; survolez une ligne pour la raison</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="62"/>
        <source>Rows with no code</source>
        <translation>Lignes sans code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="64"/>
        <source>Rows repeating a code seen earlier: looked up once, results shared</source>
        <translation>Lignes répétant un code déjà vu : recherché une fois, résultats partagés</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="66"/>
        <source>Restricted-circulation or coupon codes: not looked up unless you ask for them</source>
        <translation>Codes à diffusion restreinte ou coupons : non recherchés sauf si vous le demandez</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="67"/>
        <source>Distinct usable codes: what a run looks up (restricted and coupon codes only when you ask for them)</source>
        <translation>Codes utilisables distincts : ce qu’une recherche interroge (les codes restreints et les coupons seulement si vous le demandez)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="119"/>
        <source>Rows: {n}</source>
        <translation>Lignes : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="119"/>
        <source>Valid: {n}</source>
        <translation>Valides : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="119"/>
        <source>Repaired: {n}</source>
        <translation>Corrigés : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="120"/>
        <source>Invalid: {n}</source>
        <translation>Invalides : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="120"/>
        <source>Empty: {n}</source>
        <translation>Vides : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="121"/>
        <source>Duplicates: {n}</source>
        <translation>Doublons : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="121"/>
        <source>Restricted: {n}</source>
        <translation>Restreints : {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/summary_bar.py" line="122"/>
        <source>Distinct codes to look up: {n}</source>
        <translation>Codes distincts à rechercher : {n}</translation>
    </message>
</context>
<context>
    <name>TableModel</name>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="220"/>
        <location filename="../../desktop/pricelookup/gui/row_status.py" line="42"/>
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="220"/>
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
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="221"/>
        <location filename="../../desktop/pricelookup/gui/row_status.py" line="46"/>
        <source>empty</source>
        <translation>vide</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/product_view.py" line="221"/>
        <location filename="../../desktop/pricelookup/gui/row_status.py" line="47"/>
        <source>invalid</source>
        <translation>invalide</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="346"/>
        <source>Row number in the spreadsheet</source>
        <extracomment>the outcome&apos;s columns saying what moved since an earlier run (the engine may not send them) the RunOutcome column each answer kind shows the answer kinds that hold a price (the engine&apos;s exact text, &quot;3.18 EUR&quot;)</extracomment>
        <translation>Numéro de ligne dans le tableur</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="361"/>
        <source>Code column: {reason}</source>
        <translation>Colonne des codes : {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="382"/>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="383"/>
        <source>GTIN-14</source>
        <translation>GTIN-14</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="384"/>
        <source>PriceAPI</source>
        <translation>PriceAPI</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="385"/>
        <source>Offers</source>
        <translation>Offres</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="386"/>
        <source>Lowest price</source>
        <translation>Prix le plus bas</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="387"/>
        <source>Pharmacies</source>
        <translation>Pharmacies</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="388"/>
        <source>Competitors</source>
        <translation>Concurrents</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="389"/>
        <source>Change</source>
        <translation>Évolution</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="392"/>
        <source>What the check found; hover a row for the reason</source>
        <translation>Résultat de la vérification ; survolez une ligne pour la raison</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="393"/>
        <source>The code as it will be looked up (14 digits, leading zeros kept)</source>
        <translation>Le code tel qu’il sera recherché (14 chiffres, zéros initiaux conservés)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="394"/>
        <source>What PriceAPI answered for this code</source>
        <translation>La réponse de PriceAPI pour ce code</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="395"/>
        <source>Number of shop offers found</source>
        <translation>Nombre d’offres de boutiques trouvées</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="396"/>
        <source>Lowest offer price (without shipping)</source>
        <translation>Prix de l’offre la moins chère (hors livraison)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="397"/>
        <source>OfficiScan: lowest latest price among the pharmacy networks</source>
        <translation>OfficiScan : prix le plus bas parmi les derniers relevés des réseaux de pharmacies</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="398"/>
        <source>Monitorize: lowest price among your competitors&apos; offers</source>
        <translation>Monitorize : prix le plus bas parmi les offres de vos concurrents</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="399"/>
        <source>Since the earlier run over these codes: how the lowest price moved (▲ up, ▼ down) and how many offers came or went</source>
        <translation>Depuis la recherche précédente sur ces codes : l’évolution du prix le plus bas (▲ hausse, ▼ baisse) et des offres apparues ou disparues</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="434"/>
        <source>found</source>
        <translation>trouvé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="435"/>
        <source>not found</source>
        <translation>introuvable</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="436"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="438"/>
        <source>{answer} (from an earlier run)</source>
        <translation>{answer} (d’une recherche précédente)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="441"/>
        <source>not looked up (unusable code)</source>
        <translation>non recherché (code inutilisable)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="443"/>
        <source>not looked up (restricted code)</source>
        <translation>non recherché (code restreint)</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="444"/>
        <source>not looked up</source>
        <translation>non recherché</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="454"/>
        <source>new</source>
        <translation>nouveau</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="457"/>
        <source>no change</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="464"/>
        <source>This code was not in the earlier run.</source>
        <translation>Ce code n’était pas dans la recherche précédente.</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="470"/>
        <source>Row {row}: {status}</source>
        <translation>Ligne {row} : {status}</translation>
    </message>
    <message>
        <location filename="../../desktop/pricelookup/gui/table_model.py" line="478"/>
        <source>Duplicate of row {row}: it gets the same results.</source>
        <translation>Doublon de la ligne {row} : il reçoit les mêmes résultats.</translation>
    </message>
</context>
</TS>
