"""`ferrule publish`: upload wheels and sdists through the standard upload API (twine does the transport).

twine is the optional extra `ferrule[publish]`: it brings keyring, cryptography and requests, which
develop and build never need.

Returns lines for the CLI to print; never includes the password in anything it returns or raises.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .errors import PublishError

PYPI_UPLOAD_URL = "https://upload.pypi.org/legacy/"


def _credentials(repository_url: str | None, username: str | None, password: str | None) -> tuple[str, str, str]:
    url = repository_url or os.environ.get("FERRULE_REPOSITORY_URL") or PYPI_UPLOAD_URL
    user = username or os.environ.get("FERRULE_USERNAME") or "__token__"
    secret = password or os.environ.get("FERRULE_PASSWORD")
    if not secret:
        raise PublishError("no password or API token given",
                           hint="pass -p/--password or set FERRULE_PASSWORD (for PyPI: an API token, user __token__)")
    return url, user, secret


def require_twine() -> None:
    """Fails with what to install when the `publish` extra is missing (before any build)."""
    import importlib.util

    if importlib.util.find_spec("twine") is None:
        raise PublishError("ferrule publish uploads with twine, which is not installed",
                           hint="pip install 'ferrule[publish]' (or pip install twine), then run it again")


def _body_excerpt(body: str, secret: str) -> str:
    """The index's own explanation: the first line of text in its answer, tags removed, never the password."""
    text = re.sub(r"<[^>]+>", " ", body)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    # Indexes wrap the reason in an HTML page; the line that names it is the one worth showing.
    line = next((ln for ln in lines if "exist" in ln.lower()), lines[-1] if lines else "")
    line = next((ln for ln in lines if "exist" in ln.lower() or "denied" in ln.lower() or "auth" in ln.lower()),
                line)
    return line[:200].replace(secret, "***") if secret else line[:200]


def _explain(status: int, reason: str, body: str, filename: str, url: str) -> PublishError:
    text = f"uploading {filename} to {url} failed: HTTP {status} {reason}".rstrip()
    if body:
        text += f" ({body})"
    if status in (401, 403):
        return PublishError(text, hint="the index refused the user name or password")
    if status == 409 or (status == 400 and "exist" in (reason + body).lower()):
        return PublishError(text, hint="this version is already on the index; raise the version to upload again")
    return PublishError(text)


def upload(files: list[Path], repository_url: str | None, username: str | None, password: str | None) -> list[str]:
    require_twine()
    from twine.package import PackageFile
    from twine.repository import Repository
    import requests

    url, user, secret = _credentials(repository_url, username, password)
    for path in files:
        if not path.is_file():
            raise PublishError(f"no such file: {path}")
    repo = Repository(url, user, secret, disable_progress_bar=True)
    lines = []
    try:
        for path in files:
            try:
                package = PackageFile.from_filename(str(path), comment=None)
                response = repo.upload(package)
            except requests.RequestException as e:
                raise PublishError(f"cannot reach {url}: {type(e).__name__}",
                                   hint="check the repository URL and the network") from None
            except Exception as e:  # twine's own errors: an unreadable distribution
                if type(e).__module__.startswith("twine"):
                    raise PublishError(f"cannot upload {path.name}: {e}") from None
                raise
            if response.status_code >= 300:
                body = _body_excerpt(response.text or "", secret)
                raise _explain(response.status_code, response.reason or "", body, path.name, url)
            lines.append(f"Uploaded {path.name} to {url}")
    finally:
        repo.close()
    return lines


def publish(files: list[str], *, manifest: str | None, interpreter: str | None, repository_url: str | None,
            username: str | None, password: str | None) -> list[str]:
    """Uploads `files`, or builds a release wheel and an sdist and uploads those."""
    require_twine()  # fail before a long build
    _credentials(repository_url, username, password)
    if files:
        return upload([Path(f) for f in files], repository_url, username, password)
    from .build import build

    with tempfile.TemporaryDirectory(prefix="ferrule-publish-") as out:
        result = build(manifest, interpreter, out, release=True, with_sdist=True, abi3=None)
        built = [p for p in (result.sdist, result.wheel) if p is not None]
        lines = [f"warning: {w}" for w in result.warnings] + result.notes
        return lines + upload(built, repository_url, username, password)
