"""Send the message by e-mail through SMTP (STARTTLS, optional login from environment variables)."""
from __future__ import annotations

import os
import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from .errors import NotificationError
from .message import Message


def _secret(name: str | None) -> str | None:
    if name is None:
        return None
    value = os.environ.get(name)
    if not value:
        raise NotificationError(f"la variable d'environnement {name} (nommée dans le pipeline) n'est pas définie : "
                                "définissez-la pour le service qui lance le pipeline.")
    return value


def send_courriel(spec, message: Message) -> dict:
    """Deliver `message` as described by `spec` (pipelines.spec.CourrielSpec); return what run.json may keep."""
    user, password = _secret(spec.utilisateur_env), _secret(spec.mot_de_passe_env)
    mail = EmailMessage()
    mail["Subject"] = message.sujet
    mail["From"] = spec.expediteur
    mail["To"] = ", ".join(spec.destinataires)
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=spec.expediteur.rsplit("@", 1)[-1])
    mail.set_content(message.texte)
    where = f"{spec.serveur}:{spec.port}"
    try:
        context = ssl.create_default_context(cafile=str(spec.certificat_ac) if spec.certificat_ac else None)
    except (OSError, ssl.SSLError) as e:
        raise NotificationError(f"certificat d'autorité {spec.certificat_ac} illisible ({e}) : corrigez "
                                "« certificat_ac ».") from None
    try:
        with smtplib.SMTP(spec.serveur, spec.port, timeout=spec.delai_s) as smtp:
            smtp.ehlo()
            if spec.starttls:
                if not smtp.has_extn("starttls"):
                    raise NotificationError(f"le serveur SMTP {where} ne propose pas STARTTLS : vérifiez le port "
                                            "(587 en général) ou mettez « starttls: non » pour un relais local.")
                smtp.starttls(context=context)
                smtp.ehlo()
            if user is not None:
                smtp.login(user, password)
            refused = smtp.send_message(mail)
    except NotificationError:
        raise
    except ssl.SSLCertVerificationError as e:
        raise NotificationError(f"certificat du serveur SMTP {where} refusé ({e.verify_message}) : donnez le "
                                "certificat de son autorité dans « certificat_ac ».") from None
    except smtplib.SMTPAuthenticationError as e:
        raise NotificationError(f"authentification refusée par le serveur SMTP {where} (code {e.smtp_code}) : "
                                f"vérifiez les variables {spec.utilisateur_env} et {spec.mot_de_passe_env}.") from None
    except smtplib.SMTPRecipientsRefused as e:
        raise NotificationError(f"le serveur SMTP {where} refuse tous les destinataires "
                                f"({', '.join(sorted(e.recipients))}).") from None
    except smtplib.SMTPException as e:
        raise NotificationError(f"le serveur SMTP {where} a refusé le courriel ({type(e).__name__} : {e}).") from None
    except (socket.timeout, TimeoutError):
        raise NotificationError(f"le serveur SMTP {where} ne répond pas (délai de {spec.delai_s:g} s dépassé) : "
                                "vérifiez « serveur » et « port », ou le pare-feu.") from None
    except OSError as e:
        raise NotificationError(f"serveur SMTP {where} injoignable ({e.strerror or e}) : vérifiez « serveur » et "
                                "« port » de notifications.courriel.") from None
    if refused:
        raise NotificationError(f"le serveur SMTP {where} a refusé des destinataires : {', '.join(sorted(refused))}.")
    return {"serveur": spec.serveur, "port": spec.port, "starttls": spec.starttls,
            "destinataires": list(spec.destinataires)}
