"""Optional rephrasing of a draft by any OpenAI-compatible chat-completions endpoint.

Off unless the caller passes an `LLMConfig` (the desk builds one from AMENDS_LLM_URL,
AMENDS_LLM_MODEL and AMENDS_LLM_API_KEY). Any failure (network, HTTP status, malformed JSON,
empty answer) returns None so the caller keeps the built-in draft; nothing is retried.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

SYSTEM_PROMPT = (
    "You rewrite customer-service replies to an unhappy customer so they sound natural and personal. "
    "Keep every fact, name, date, amount and offer exactly as given. Keep all of these: thanks, a plain "
    "apology (never 'sorry if'), empathy tied to the case, a restatement of the customer's points, personal "
    "ownership, the concrete fix, the extra goodwill gesture, a question to the customer, and the follow-up "
    "commitment. Never blame anyone, never argue. Answer with the reply text only."
)


@dataclass(frozen=True)
class LLMConfig:
    """Where and how to call the model; `base_url` is the API root (e.g. http://host:8080/v1)."""

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 20.0
    temperature: float = 0.4


def _endpoint(base_url: str) -> str:
    base = base_url.rstrip("/")
    return base if base.endswith("/chat/completions") else base + "/chat/completions"


def chat(config: LLMConfig, messages: list[dict[str, str]]) -> str | None:
    """One chat completion; the assistant's text, or None on any failure."""
    if not config.base_url or not config.model:
        return None
    payload = {"model": config.model, "messages": messages, "temperature": config.temperature}
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    request = urllib.request.Request(
        _endpoint(config.base_url), data=json.dumps(payload).encode("utf-8"), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=config.timeout) as response:  # noqa: S310 - configured URL
            body: Any = json.loads(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, TimeoutError, OSError, ValueError):
        return None
    try:
        text = body["choices"][0]["message"]["content"]
    except (KeyError, IndexError, TypeError):
        return None
    if not isinstance(text, str) or not text.strip():
        return None
    return text.strip()


def rephrase(draft_text: str, context: Any, config: LLMConfig) -> str | None:
    """Ask the model to rephrase a built-in draft for this case."""
    facts = json.dumps(context.to_dict(), ensure_ascii=False) if hasattr(context, "to_dict") else "{}"
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": f"Case facts (JSON): {facts}\n\nReply to rewrite:\n{draft_text}"},
    ]
    return chat(config, messages)
