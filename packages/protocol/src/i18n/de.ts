import type { Messages } from './en';

/** German messages. */
export const de: Messages = {
  'header.title': 'Ihr System verbinden',
  'header.by': '{host} nutzt Flange, um sich sicher mit Ihrem System zu verbinden.',
  'header.close': 'Schließen',
  'header.back': 'Zurück',
  loading: 'Wird geladen…',
  'load.failed': 'Diese Seite konnte nicht geladen werden.',
  'load.retry': 'Erneut versuchen',

  'progress.step': 'Schritt {n} von {total}: {name}',
  'progress.choose': 'Auswahl',
  'progress.details': 'Angaben',
  'progress.check': 'Prüfung',
  'progress.done': 'Fertig',

  'catalog.heading': 'Welches System nutzt Ihr Unternehmen?',
  'catalog.search': 'Systeme suchen',
  'catalog.searchPlaceholder': 'Name, Hersteller oder Produkt, z. B. Maximo',
  'catalog.searchHint': 'Mit den Pfeiltasten durch die Ergebnisse gehen, mit Enter auswählen.',
  'catalog.category': 'Kategorie',
  'catalog.allCategories': 'Alle Kategorien',

  'catalog.deployment': 'Betrieb',
  'catalog.deploymentAny': 'Cloud und On-Premises',
  'catalog.deploymentCloud': 'Cloud',
  'catalog.deploymentOnPrem': 'On-Premises',
  'catalog.results': 'Systeme',
  'catalog.count': '{count} Systeme',
  'catalog.countOne': '1 System',

  'catalog.none': 'Kein System passt zu „{query}“.',
  'catalog.onRequest': 'Auf Anfrage',
  'catalog.recent': 'Zuletzt gewählt',
  'catalog.cantFind': 'Ihr System fehlt?',
  'catalog.requestIt': 'Anfragen',

  'category.erp': 'ERP',
  'category.eam_cmms': 'Instandhaltung (EAM / CMMS)',
  'category.procurement': 'Einkauf',
  'category.wms': 'Lager',
  'category.mes': 'Fertigung (MES)',
  'category.plm': 'Produktlebenszyklus',
  'category.quality': 'Qualität',
  'category.field_service': 'Außendienst',
  'category.historian': 'Historian',
  'category.iwms': 'Gebäude (IWMS)',
  'category.fleet': 'Fuhrpark',
  'category.itsm': 'IT-Service',
  'category.accounting': 'Buchhaltung',
  'category.supply_chain': 'Lieferkette',
  'category.inventory': 'Bestand',
  'category.industrial_data': 'Industriedaten',

  'form.heading': '{system} verbinden',
  'form.reconnectHeading': '{system} neu verbinden',
  'form.reconnectIntro':
    'Ihre Verbindung braucht neue Zugangsdaten. Die Adresse bleibt; geben Sie nur die Zugangsdaten ein.',
  'form.instance': 'Instanz',
  'form.changeInstance': 'Adresse ändern',
  'form.method': 'Wie melden Sie sich an?',
  'form.submit': 'Verbinden',
  'form.submitting': 'Wird verbunden…',
  'form.optional': 'optional',
  'form.show': 'Anzeigen',
  'form.hide': 'Verbergen',
  'form.help': 'Wo finde ich das?',
  'form.normalized': 'Wir verwenden {url}',
  'form.reconnectWarning':
    'Das ist nicht die Adresse Ihrer bestehenden Verbindung ({url}). Hier verbinden Sie eine andere Instanz.',
  'form.fileChosen': '{name} geladen',
  'form.fieldRejected': 'Prüfen Sie diesen Wert.',
  'form.noCredentials': 'Ich habe diese Zugangsdaten nicht',
  'form.noCredentialsHint':
    'Senden Sie Ihrer IT-Administration einen sicheren Link. Sie schließt die Verbindung für Sie ab.',

  'field.required': '{label} ist erforderlich.',
  'field.min_length': '{label} hat mindestens {min} Zeichen.',
  'field.max_length': '{label} hat höchstens {max} Zeichen.',
  'field.choice': 'Wählen Sie einen der angebotenen Werte für {label}.',
  'field.url_empty': 'Geben Sie die Adresse Ihrer Instanz ein.',
  'field.url_invalid': 'Das ist keine gültige Webadresse.',
  'field.url_scheme':
    'Die Adresse muss mit https:// beginnen (oder http:// für einen Server in Ihrem Netzwerk).',
  'field.url_userinfo':
    'Entfernen Sie Benutzername und Passwort aus der Adresse; geben Sie sie in ihren eigenen Feldern ein.',
  'field.url_no_host': 'Der Adresse fehlt der Hostname.',
  'field.format_guid': 'Geben Sie eine GUID ein, z. B. 72f988bf-86f1-41af-91ab-2d7cd011db47.',
  'field.format_sap_client': 'Der SAP-Mandant besteht aus drei Ziffern, z. B. 100.',
  'field.format_netsuite_account':
    'Die Konto-ID besteht aus Ziffern, mit _SB1 für eine Sandbox (Setup → Company → Company Information).',
  'field.format_hex40': 'Der Schlüssel besteht aus 40 Hexadezimalzeichen.',
  'field.format_ariba_anid': 'Die Netzwerk-ID beginnt mit AN, gefolgt von Ziffern.',
  'field.format_email': 'Geben Sie eine E-Mail-Adresse ein.',
  'field.format_digits': 'Geben Sie nur Ziffern ein.',
  'field.pattern': '{label} hat nicht das erwartete Format.',

  'probe.checking': 'Adresse wird geprüft…',
  'probe.match': 'Das ist {product}.',
  'probe.matchVersion': 'Das ist {product} {version}.',
  'probe.mismatch': 'Diese Adresse antwortet, aber es ist nicht {system}.',
  'probe.mismatchNamed': 'Diese Adresse antwortet, aber es ist {product}, nicht {system}.',
  'probe.unknown': 'Diese Adresse antwortet. Beim Verbinden prüfen wir, ob es {system} ist.',
  'probe.unreachable':
    'Diese Adresse ist noch nicht erreichbar. Prüfen Sie sie oder fragen Sie Ihre IT, ob sie aus dem Internet erreichbar ist.',
  'probe.tls':
    'Das Zertifikat dieser Adresse ist nicht vertrauenswürdig (selbst signiert oder private CA). Sie können ihm nach dem Verbinden vertrauen.',
  'probe.failed': 'Diese Adresse kann gerade nicht geprüft werden.',

  'guide.heading': 'So erhalten Sie diese Angaben',
  'guide.docs': 'Dokumentation öffnen',

  'sandbox.heading': 'Testumgebung',
  'sandbox.use': 'Demo-Zugangsdaten verwenden',
  'sandbox.scenarios': 'Ein Szenario ausprobieren:',

  'steps.heading': 'Ihre Verbindung wird geprüft',
  'steps.list': 'Prüfschritte',
  'steps.pending': 'wartet',
  'steps.running': 'läuft',
  'steps.succeeded': 'erledigt',
  'steps.failed': 'fehlgeschlagen',
  'steps.skipped': 'übersprungen',
  'steps.announce': '{step}: {status}',
  'steps.seconds': '{value} s',
  'steps.ms': '{value} ms',

  'step.resolve': 'Server finden',
  'step.connect': 'Verbinden',
  'step.tls': 'Zertifikat prüfen',
  'step.fingerprint': 'Produkt erkennen',
  'step.authenticate': 'Anmelden',
  'step.authorize': 'Zugriff auf Ihre Daten prüfen',
  'step.logout': 'Abmelden',
  'step.store': 'Verbindung speichern',

  'failure.heading': 'Die Verbindung ist fehlgeschlagen',
  'failure.atStep': 'Abgebrochen bei „{step}“.',
  'failure.causes': 'Mögliche Ursachen',
  'failure.upstreamCode': 'Vom System gemeldeter Fehler: {code}',
  'failure.tryAgain': 'Erneut versuchen',
  'failure.retryNow': 'Jetzt wiederholen',
  'failure.keepSecrets': 'Eingegebene Geheimnisse behalten',
  'failure.other': 'Anderes System wählen',
  'failure.certHeading': 'Vom Server vorgelegtes Zertifikat',
  'failure.certFingerprint': 'SHA-256-Fingerabdruck',
  'failure.certSubject': 'Inhaber',
  'failure.certIssuer': 'Aussteller',
  'failure.certValid': 'Gültig {from} – {to}',
  'failure.certExplain':
    'Vertrauen Sie ihm nur, wenn Ihre IT diesen Fingerabdruck bestätigt. Das Vertrauen gilt nur für diese Verbindung.',
  'failure.trust': 'Diesem Zertifikat vertrauen und erneut versuchen',

  'error.INVALID_REQUEST': 'Einige Angaben sind zu prüfen. Sehen Sie sich das markierte Feld an.',
  'error.UNSUPPORTED_MEDIA_TYPE': 'Bei uns ist etwas schiefgegangen. Versuchen Sie es gleich noch einmal.',
  'error.PAYLOAD_TOO_LARGE': 'Ihre Eingabe ist zu groß. Prüfen Sie die Felder und versuchen Sie es erneut.',
  'error.NOT_FOUND': 'Das Gesuchte wurde nicht gefunden. Beginnen Sie erneut in der Liste.',
  'error.METHOD_NOT_ALLOWED': 'Bei uns ist etwas schiefgegangen. Versuchen Sie es gleich noch einmal.',
  'error.CONFLICT': 'Diese Verbindung ist bereits hergestellt. Es ist nichts mehr zu tun.',
  'error.UNAUTHORIZED': 'Dieser Verbindungslink ist nicht mehr gültig. Beginnen Sie erneut in der Anwendung.',
  'error.TOKEN_MALFORMED': 'Dieser Verbindungslink ist ungültig. Beginnen Sie erneut in der Anwendung.',
  'error.TOKEN_REVOKED': 'Dieser Link wurde bereits verwendet. Bitten Sie um einen neuen.',
  'error.TOKEN_EXPIRED': 'Dieser Link ist abgelaufen. Bitten Sie um einen neuen.',
  'error.WRONG_TOKEN_KIND': 'Dieser Verbindungslink ist ungültig. Beginnen Sie erneut in der Anwendung.',
  'error.TOKEN_IN_QUERY': 'Dieser Verbindungslink ist ungültig. Beginnen Sie erneut in der Anwendung.',
  'error.SESSION_EXPIRED':
    'Dieser Verbindungslink ist abgelaufen. Schließen Sie dieses Fenster und beginnen Sie erneut.',
  'error.FORBIDDEN': 'Diese Aktion ist hier nicht erlaubt.',
  'error.ORIGIN_NOT_ALLOWED':
    'Diese Seite darf diese Verbindung nicht öffnen. Beginnen Sie erneut in der Anwendung.',
  'error.PUBLIC_TOKEN_INVALID': 'Bei uns ist etwas schiefgegangen. Versuchen Sie es gleich noch einmal.',
  'error.PUBLIC_TOKEN_USED': 'Bei uns ist etwas schiefgegangen. Versuchen Sie es gleich noch einmal.',
  'error.SYSTEM_NOT_ALLOWED': 'Dieses System wird hier nicht angeboten. Wählen Sie ein anderes.',
  'error.SYSTEM_NOT_AVAILABLE':
    'Dieses System lässt sich noch nicht verbinden. Sie können es stattdessen anfragen.',
  'error.REAUTHORIZATION_REQUIRED': 'Diese Verbindung braucht neue Zugangsdaten.',
  'error.RATE_LIMIT_EXCEEDED': 'Zu viele Anfragen. Warten Sie eine Minute und versuchen Sie es erneut.',
  'error.TOO_MANY_ATTEMPTS':
    'Zu viele Versuche. Damit Ihr Konto nicht gesperrt wird, warten Sie einige Minuten, bevor Sie es erneut versuchen.',
  'error.URL_NOT_ALLOWED':
    'Mit dieser Adresse dürfen wir uns nicht verbinden (ein privates oder reserviertes Netz).',
  'error.INSTANCE_UNREACHABLE':
    'Ihr System ist unter dieser Adresse nicht erreichbar. Prüfen Sie die Adresse oder fragen Sie Ihre IT, ob sie aus dem Internet erreichbar ist.',
  'error.TLS_UNTRUSTED':
    'Das Zertifikat des Servers ist nicht vertrauenswürdig (selbst signiert oder von einer privaten Stelle).',
  'error.UPSTREAM_TIMEOUT':
    'Ihr System hat nicht rechtzeitig geantwortet. Versuchen Sie es gleich noch einmal.',
  'error.WRONG_PRODUCT':
    'Unter dieser Adresse antwortet etwas, aber nicht das gewählte System. Prüfen Sie die Adresse.',
  'error.INVALID_CREDENTIALS':
    'Ihr System hat diese Zugangsdaten abgelehnt. Prüfen Sie sie und versuchen Sie es erneut.',
  'error.LOGIN_FAILED':
    'Ihr System hat die Anmeldung ohne Begründung abgelehnt. Unten stehen die möglichen Ursachen und wo Ihre Administration den wahren Grund sieht.',
  'error.ACCOUNT_LOCKED':
    'Dieses Konto ist in Ihrem System gesperrt. Bitten Sie Ihre Administration, es zu entsperren.',
  'error.IP_BLOCKED':
    'Ihr System hat unsere Adresse blockiert. Bitten Sie Ihre Administration, sie freizugeben.',
  'error.PASSWORD_EXPIRED':
    'Das Passwort ist abgelaufen. Legen Sie in Ihrem System ein neues fest und versuchen Sie es erneut.',
  'error.MFA_REQUIRED':
    'Dieses Konto verlangt eine Mehrfaktor-Anmeldung, die eine Integration nicht leisten kann. Nutzen Sie ein Integrationskonto oder einen API-Schlüssel.',
  'error.KEY_EXPIRED':
    'Dieser Schlüssel ist abgelaufen oder wurde widerrufen. Erstellen Sie einen neuen und versuchen Sie es erneut.',
  'error.INSUFFICIENT_PERMISSIONS':
    'Das Konto konnte sich anmelden, darf aber die benötigten Daten nicht lesen. Bitten Sie Ihre Administration um die unten genannte Rolle.',
  'error.FEATURE_DISABLED':
    'Eine benötigte Funktion ist in Ihrem System ausgeschaltet. Bitten Sie Ihre Administration, sie einzuschalten.',
  'error.LICENSE_LIMIT': 'Ihr System hat eine Lizenzgrenze erreicht. Wenden Sie sich an Ihre Administration.',
  'error.CLOCK_SKEW':
    'Die Uhren Ihres Systems und unsere weichen voneinander ab. Bitten Sie Ihre Administration, die Serverzeit zu prüfen.',
  'error.APPROVAL_PENDING':
    'Eine Administratorin oder ein Administrator muss diese Integration zuerst freigeben.',
  'error.UPSTREAM_RATE_LIMITED':
    'Ihr System begrenzt gerade die Anfragen. Versuchen Sie es in einigen Minuten erneut.',
  'error.UPSTREAM_ERROR': 'Ihr System hat mit einem Fehler geantwortet. Versuchen Sie es gleich noch einmal.',
  'error.INTERNAL_ERROR': 'Bei uns ist etwas schiefgegangen. Versuchen Sie es gleich noch einmal.',
  'error.SERVICE_UNAVAILABLE':
    'Die Verbindung zu Flange ist abgebrochen. Prüfen Sie Ihr Netzwerk und versuchen Sie es erneut.',

  'handoff.heading': 'Die IT-Administration abschließen lassen',
  'handoff.body':
    'Senden Sie diesen Link an die Person, die {system} betreut. Er öffnet genau diese Verbindung in Ihrem Namen; sie gibt die Zugangsdaten ein, und {host} erfährt es, sobald sie fertig ist.',
  'handoff.creating': 'Sicherer Link wird erstellt…',
  'handoff.linkLabel': 'Link für Ihre IT-Administration',
  'handoff.copy': 'Link kopieren',
  'handoff.copied': 'Link kopiert.',
  'handoff.email': 'Per E-Mail senden',
  'handoff.emailSubject': 'Bitte {system} für {host} verbinden',
  'handoff.emailBody':
    'Hallo,\n\n{host} braucht Zugriff auf unser {system}. Könnten Sie diesen Link öffnen und die Zugangsdaten eingeben? Er funktioniert einmal und läuft um {time} ab.\n\n{url}\n\nVielen Dank\n{name}',
  'handoff.expires': 'Der Link funktioniert einmal und läuft um {time} ab.',
  'handoff.waiting': 'Warten, bis Ihre IT-Administration den Link öffnet…',
  'handoff.opened': 'Ihre IT-Administration hat den Link geöffnet.',
  'handoff.adminRunning': 'Ihre IT-Administration prüft gerade die Zugangsdaten…',
  'handoff.adminFailed':
    'Der letzte Versuch Ihrer IT-Administration hat noch nicht geklappt; sie kann es auf ihrer Seite beheben.',
  'handoff.keepOpen': 'Lassen Sie dieses Fenster offen: Die Verbindung wird hier von selbst abgeschlossen.',
  'handoff.lostLink':
    'Sie haben bereits einen Link erstellt. Zu Ihrer Sicherheit wird er nur einmal angezeigt: Erstellen Sie bei Bedarf einen neuen.',
  'handoff.expired': 'Der Link ist abgelaufen. Erstellen Sie einen neuen.',
  'handoff.failed': 'Der Link konnte nicht erstellt werden.',
  'handoff.newLink': 'Neuen Link erstellen',
  'handoff.back': 'Zugangsdaten selbst eingeben',
  'handoff.adminIntro': '{name} bittet Sie, {system} für {host} zu verbinden.',
  'handoff.someone': 'Jemand',

  'success.heading': 'Verbunden',
  'success.body': '{system} ist verbunden.',
  'success.viaHandoff': 'Ihre IT-Administration hat {system} verbunden.',
  'success.adminDone':
    'Vielen Dank. {name} und {host} können die Verbindung jetzt nutzen. Sie können diese Seite schließen.',
  'success.instance': 'Instanz',
  'success.as': 'Angemeldet als',
  'success.tenant': 'Mandant',
  'success.entities': 'Lesbare Daten',
  'success.done': 'Fertig',

  'request.heading': 'Ein System anfragen',
  'request.body': 'Sagen Sie uns, welches System Sie nutzen. Wir geben {host} Bescheid.',
  'request.name': 'Name des Systems',
  'request.nameRequired': 'Geben Sie den Namen des Systems ein.',
  'request.note': 'Was wir wissen sollten (Version, Cloud oder On-Premises)',
  'request.submit': 'Anfrage senden',
  'request.sent': 'Anfrage gesendet',
  'request.sentBody': 'Danke. {host} erfährt, dass Sie {name} benötigen.',
  'request.back': 'Zurück zur Liste',

  'fatal.heading': 'Diese Sitzung ist beendet',
  'fatal.body':
    'Zu Ihrer Sicherheit laufen Verbindungslinks ab. Schließen Sie dieses Fenster und beginnen Sie erneut in {host}.',
  'fatal.bodyNoHost':
    'Zu Ihrer Sicherheit laufen Verbindungslinks ab. Schließen Sie dieses Fenster und beginnen Sie erneut.',

  'hosted.invalid':
    'Dieser Verbindungslink ist ungültig. Beginnen Sie erneut in der Anwendung, die Sie verbinden.',
  'hosted.notEmbedded': 'Öffnen Sie diese Seite aus der Anwendung, die Sie verbinden.',
  'hosted.noOrigins': 'Diese Sitzung kann auf dieser Website nicht eingebettet werden.',
  'hosted.redeeming': 'Der sichere Link wird geöffnet…',
  'hosted.redeemFailed':
    'Dieser Link lässt sich nicht öffnen. Bitten Sie die Person, die ihn gesendet hat, um einen neuen.',
};
