"""Send the message as a JSON POST (chat channels' incoming webhooks read the `text` field)."""
from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from .errors import NotificationError
from .message import Message


def _url(spec) -> str:
    if spec.url is not None:
        return spec.url
    url = os.environ.get(spec.url_env)
    if not url:
        raise NotificationError(f"la variable d'environnement {spec.url_env} (nommée dans le pipeline) n'est pas "
                                "définie : définissez-la pour le service qui lance le pipeline.")
    if urlsplit(url).scheme not in ("http", "https"):
        raise NotificationError(f"la variable {spec.url_env} ne contient pas une URL http(s).")
    return url


def send_webhook(spec, message: Message) -> dict:
    """POST {"text": …, "sujet": …, …} to the webhook; return what run.json may keep (the host, never the path,
    which often holds a token)."""
    url = _url(spec)
    host = urlsplit(url).netloc.rsplit("@", 1)[-1]
    body = json.dumps({"text": f"{message.sujet}\n\n{message.texte}", "sujet": message.sujet, **message.donnees},
                      ensure_ascii=False, default=str).encode("utf-8")
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8",
                                              "User-Agent": "lsu-analytics"})
    try:
        with urllib.request.urlopen(request, timeout=spec.delai_s) as response:
            status = response.status
    except urllib.error.HTTPError as e:
        raise NotificationError(f"le webhook ({host}) a répondu {e.code} {e.reason} : vérifiez son URL.") from None
    except (socket.timeout, TimeoutError):
        raise NotificationError(f"le webhook ({host}) ne répond pas (délai de {spec.delai_s:g} s dépassé).") from None
    except urllib.error.URLError as e:
        reason = e.reason.strerror if isinstance(e.reason, OSError) and e.reason.strerror else e.reason
        raise NotificationError(f"webhook ({host}) injoignable ({reason}) : vérifiez son URL ou le pare-feu.") from None
    except OSError as e:
        raise NotificationError(f"webhook ({host}) injoignable ({e.strerror or e}).") from None
    return {"hote": host, "statut_http": status}
