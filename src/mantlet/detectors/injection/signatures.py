"""Weighted signature rules for known prompt-injection and jailbreak families.

Each rule is a regex with a weight (how sure a match alone makes us) and a family (the
label it reports). Rules are compiled into the engine's shared pattern database; the
classifier, not the rules, has the last word on the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from mantlet.detectors.injection.disguise_phrases import DISGUISE, DISGUISE_KEYWORDS, KEPT_VALUE
from mantlet.findings import Category
from mantlet.patterns import Pattern


class Family(StrEnum):
    """Attack families; each is a Finding label."""

    INSTRUCTION_OVERRIDE = "INSTRUCTION_OVERRIDE"
    SYSTEM_PROMPT_EXTRACTION = "SYSTEM_PROMPT_EXTRACTION"
    FAKE_TURN = "FAKE_TURN"
    PAYLOAD_SPLITTING = "PAYLOAD_SPLITTING"
    ENCODED_INSTRUCTION = "ENCODED_INSTRUCTION"
    ROLEPLAY_PERSONA = "ROLEPLAY_PERSONA"
    REFUSAL_SUPPRESSION = "REFUSAL_SUPPRESSION"
    MANY_SHOT = "MANY_SHOT"
    TOKEN_FLOOD = "TOKEN_FLOOD"
    CLASSIFIER_INJECTION = "CLASSIFIER_INJECTION"  # the model alone, no rule
    CLASSIFIER_JAILBREAK = "CLASSIFIER_JAILBREAK"


FAMILY_CATEGORY: dict[Family, Category] = {
    Family.INSTRUCTION_OVERRIDE: Category.INJECTION,
    Family.SYSTEM_PROMPT_EXTRACTION: Category.INJECTION,
    Family.FAKE_TURN: Category.INJECTION,
    Family.PAYLOAD_SPLITTING: Category.INJECTION,
    Family.ENCODED_INSTRUCTION: Category.INJECTION,
    Family.TOKEN_FLOOD: Category.INJECTION,
    Family.CLASSIFIER_INJECTION: Category.INJECTION,
    Family.ROLEPLAY_PERSONA: Category.JAILBREAK,
    Family.REFUSAL_SUPPRESSION: Category.JAILBREAK,
    Family.MANY_SHOT: Category.JAILBREAK,
    Family.CLASSIFIER_JAILBREAK: Category.JAILBREAK,
}


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    family: Family
    weight: float  # 0..1: how strongly a match alone suggests an attack
    regex: str
    keywords: tuple[str, ...] = ()  # literals, one of which every match contains
    flags: int = re.IGNORECASE
    anchor: str = ""  # a regex every match contains, when keywords cannot say it
    unicode: bool = False  # non-ASCII keywords: case folding and \w beyond ASCII

    def pattern(self) -> Pattern:
        """The engine's pattern: a cheap anchor (the rule's keywords) that Hyperscan compiles in
        milliseconds; `detect` confirms each anchored view with the full regex. Rules without
        keywords are short enough to be their own anchor."""
        if self.anchor:
            return Pattern(f"injection.{self.name}", self.anchor, self.flags)
        if not self.keywords:
            return Pattern(f"injection.{self.name}", self.full_regex(), self.flags)
        words = sorted({k.lower() for k in self.keywords}, key=len, reverse=True)
        anchor = (
            "(?:"
            + "|".join(_spaces_to_whitespace(re.escape(w).replace("\\ ", " ")) for w in words)
            + ")"
        )
        # Spacing inside a phrase may vary, so each phrase's longest word is its literal: the
        # rarest, so the keyword pre-check on non-ASCII text lets the fewest texts through.
        keywords = tuple(sorted({max(w.split(" "), key=len) for w in words}))
        return Pattern(
            f"injection.{self.name}",
            anchor,
            self.flags | re.IGNORECASE,
            keywords,
            unicode=self.unicode,
        )

    def full_regex(self) -> str:
        return _spaces_to_whitespace(self.regex)


def _spaces_to_whitespace(regex: str) -> str:
    """Let every literal space outside a character class match any run of whitespace, so
    extra spacing or line breaks do not split a phrase."""
    out: list[str] = []
    in_class = escaped = False
    for ch in regex:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "[" and not in_class:
            in_class = True
        elif ch == "]" and in_class:
            in_class = False
        elif ch == " " and not in_class:
            out.append(r"\s+")
            continue
        out.append(ch)
    return "".join(out)


_OVERRIDE_VERBS = (
    "ignore",
    "disregard",
    "forget",
    "skip",
    "bypass",
    "override",
    "overlook",
    "neglect",
    "discard",
    "abandon",
)
# Verbs that ask for text back verbatim; "quote" and "write out" only where the target is named.
_REPEAT_VERBS = ("repeat", "print", "output", "copy", "reproduce", "echo")
_QUOTE_VERBS = (*_REPEAT_VERBS, "quote", "write out")
_W = r"[a-z0-9_\s,'-]"  # filler inside one clause
_PRIOR = (
    r"(?:previous|prior|above|earlier|preceding|initial|original|existing|system|safety|"
    r"all(?: of)? (?:the|your|those|these)|all|any|your|every|old|developer'?s?|pre-?set)"
)
_TARGET = (
    r"(?:instructions?|prompts?|rules|directives?|guidelines|commands?|constraints|context|"
    r"programming|restrictions|polic(?:y|ies)|guardrails|filters|orders|training|"
    r"directions|tasks?|conversation|settings)"
)

# Disguised disclosure: the model is asked for something it was told to keep (a secret, its
# prompt, a person's data) in a form meant to slip past an output filter: reversed, spelled
# out with separators, one letter per line, in an alphabet no filter reads. Encodings common
# in programming questions (base64, hex) are left to the classifier.
_DISCLOSE_VERBS = (
    r"what(?:'s| is| was)|tell|give|write|spell|print|say|show|reveal|share|provide|type|"
    r"output|send|list|display|recite|read out|translate|convert|encode|put"
)
_GUARDED = (
    r"(?:password|passphrase|passcode|pin(?: code)?|secret(?: key| word| code| phrase)?|"
    r"(?:api|access|secret|license) key|access code|security code|credentials|"
    r"(?:hidden |system |initial |original )?(?:prompt|instructions)|"
    r"birth ?(?:date|day|year)|date of birth|social security number)"
)
_DISGUISE = (
    r"(?:\bbackwards?\b|\breversed\b|"
    r"\bin reverse(?: order)?\b(?! (?:chronological|alphabetical|numerical|date|time)\b)|"
    r"\b(?:with|using|separated by|putting|insert(?:ing)?|add(?:ing)?) (?:a |an )?"
    r"(?:dash|hyphen|space|comma|dot|period|asterisk|underscore|slash|star|emoji)(?:e?s)? "
    r"(?:between|after|before|in between) (?:each|every|all(?: the)?|the) "
    r"(?:letters?|digits?|characters?|numbers?|symbols?)\b|"
    r"\bone (?:letter|character|digit) (?:per|on each|at a) (?:line|time)\b|"
    r"\b(?:letter|character|digit) by (?:letter|character|digit)\b|"
    r"\bin (?:morse(?: code)?|pig latin|leetspeak|l33t)\b|\bas an acrostic\b|"
    r"\b(?:with|using|in) the nato (?:phonetic )?alphabet\b)"
)
_DISGUISE_KEYWORDS = (
    "backward",
    "reverse",
    "between",
    "per line",
    "on each line",
    "at a time",
    "by letter",
    "by character",
    "by digit",
    "morse",
    "pig latin",
    "leetspeak",
    "l33t",
    "acrostic",
    "nato",
)

RULES: tuple[Rule, ...] = (
    # --- instruction override -------------------------------------------------------------
    Rule(
        "ignore_previous",
        Family.INSTRUCTION_OVERRIDE,
        0.9,
        rf"\b(?:{'|'.join(_OVERRIDE_VERBS)})\b(?! my\b)(?! me\b){_W}{{0,30}}?\b{_PRIOR}\b{_W}{{0,30}}?\b{_TARGET}\b",
        _OVERRIDE_VERBS,
    ),
    Rule(
        "ignore_everything",
        Family.INSTRUCTION_OVERRIDE,
        0.85,
        r"\b(?:ignore|disregard|forget)\b (?:everything|all(?: that)?|anything|the above|what)"
        r"\b[a-z0-9_\s,'-]{0,20}?\b(?:you(?:'ve| have)? (?:been|were) (?:told|given|instructed)|"
        r"above|before|so far|said)",
        ("ignore", "disregard", "forget"),
    ),
    Rule(
        "ignore_the_document",
        Family.INSTRUCTION_OVERRIDE,
        0.6,
        r"\b(?:ignore|disregard)\b (?:the|this) (?:resume|document|email|article|webpage|page|"
        r"text|function|code|question|task|input|table|paper|review|data) and\b",
        ("ignore", "disregard"),
    ),
    Rule(
        "new_instructions",
        Family.INSTRUCTION_OVERRIDE,
        0.75,
        r"\b(?:your )?new (?:instructions?|task|role|directive|objective|goal|rules)"
        r"(?: (?:is|are)\b|\s*:)",
        (
            "new instruction",
            "new task",
            "new role",
            "new directive",
            "new objective",
            "new goal",
            "new rules",
        ),
    ),
    Rule(
        "do_not_follow",
        Family.INSTRUCTION_OVERRIDE,
        0.85,
        r"\b(?:do not|don't|stop|no longer|never) (?:follow|obey|listen to|adhere to|comply with)"
        rf"\b{_W}{{0,20}}?\b(?:previous|prior|above|original|system|developer|your|those|these)\b"
        rf"{_W}{{0,20}}?\b{_TARGET}",
        ("follow", "obey", "listen to", "adhere to", "comply with"),
    ),
    Rule(
        "override_mode",
        Family.INSTRUCTION_OVERRIDE,
        0.85,
        r"\b(?:system|security|admin(?:istrator)?|developer|debug|maintenance|root|god|sudo|"
        r"law enforcement|emergency|training data)\s+(?:override|mode (?:enabled|activated)|"
        r"access granted)\b",
        ("override", "mode", "access granted"),
    ),
    Rule(
        "entering_mode",
        Family.INSTRUCTION_OVERRIDE,
        0.7,
        r"\b(?:now )?(?:entering|activating|enabling|switching to|switch to|enter)\s+"
        r"[a-z0-9_\s]{0,30}?\bmode\b",
        ("mode",),
    ),
    Rule(
        "authority_claim",
        Family.INSTRUCTION_OVERRIDE,
        0.6,
        r"\b(?:i am|i'm|this is)\b (?:god|(?:your|the) (?:creator|developer|owner|master|maker|"
        r"admin(?:istrator)?|operator|programmer|supervisor|boss))\b[\s\S]{0,40}?\byou "
        r"(?:must|have to|will|shall|need to|are (?:required|obliged) to) (?:now )?"
        r"(?:answer|obey|comply with|do|follow|respond to) (?:all|every|any|everything|anything|"
        r"whatever|each)\b",
        ("i am", "i'm", "this is"),
    ),
    Rule(
        "ai_reading_this",
        Family.INSTRUCTION_OVERRIDE,
        0.8,
        r"\b(?:if you are an? (?:ai|llm|language model|assistant|chatbot)|"
        r"(?:ai|llm|assistant|chatbot|model)s? (?:reading|processing|summari[sz]ing) this)\b",
        ("if you are a", "reading", "processing", "summarising", "summarizing"),
    ),
    # --- system prompt extraction ---------------------------------------------------------
    Rule(
        "reveal_prompt",
        Family.SYSTEM_PROMPT_EXTRACTION,
        0.8,
        r"\b(?:reveal|show|print|repeat|output|display|leak|disclose|dump|recite|spell out|"
        r"write out|tell me|give me|share|what (?:is|are|was|were))\b[a-z0-9_\s,'-]{0,15}?\b"
        r"(?:your|the (?:above|hidden|secret|internal|original|initial))\s+"
        r"(?:full |entire |exact |complete |original |initial |hidden |secret |internal |)"
        r"(?:system )?(?:prompt|instructions|system message|pre-?prompt|initiali[sz]ation|"
        r"configuration|guidelines you were given|rules you were given)\b",
        (
            "prompt",
            "instructions",
            "system message",
            "initialization",
            "initialisation",
            "configuration",
            "guidelines you",
            "rules you",
        ),
    ),
    Rule(
        "repeat_above",
        Family.SYSTEM_PROMPT_EXTRACTION,
        0.85,
        rf"\b(?:{'|'.join(_REPEAT_VERBS)})\b[a-z0-9_\s,'-]{{0,20}}?\b"
        r"(?:words|text|everything|all|content|lines|instructions)\b[a-z0-9_\s,'-]{0,10}?\b"
        r"(?:above|before this|prior to this|at the (?:start|beginning|top))\b",
        _REPEAT_VERBS,
    ),
    Rule(
        # What came before the user's own message can only be the operator's prompt. A
        # longer filler than repeat_above's is safe: the anchor names the user's message.
        "repeat_before_message",
        Family.SYSTEM_PROMPT_EXTRACTION,
        0.85,
        rf"\b(?:{'|'.join(_QUOTE_VERBS)})\b[a-z0-9_\s,'-]{{0,20}}?\b"
        r"(?:words|text|everything|all|content|lines|instructions|messages?)\b"
        r"[a-z0-9_\s,'-]{0,24}?\b(?:before|above|preceding|prior to|ahead of) "
        r"(?:my|this|the user'?s?|our) (?:message|question|prompt|input|request|conversation)\b",
        _QUOTE_VERBS,
    ),
    Rule(
        "reveal_secret",
        Family.SYSTEM_PROMPT_EXTRACTION,
        0.5,
        r"\b(?:reveal|tell me|give me|share|disclose|confirm|leak|print|what(?:'s| is))\b"
        r"[a-z0-9_\s,'-]{0,12}?\b(?:your|the) (?:secret(?: key| word| code)?|password|passphrase|"
        r"api key|access code|credentials)\b",
        ("secret", "password", "passphrase", "api key", "access code", "credentials"),
    ),
    Rule(
        "disclose_disguised",
        Family.SYSTEM_PROMPT_EXTRACTION,
        0.6,
        rf"\b(?:{_DISCLOSE_VERBS})\b{_W}{{0,30}}?\b(?:the|your|his|her|their|[a-z]+'s)"
        rf"{_W}{{0,20}}?\b{_GUARDED}\b[\s\S]{{0,60}}?{_DISGUISE}"
        rf"|{_DISGUISE}{_W}{{0,40}}?\b(?:the|your|his|her|their|[a-z]+'s){_W}{{0,20}}?\b{_GUARDED}\b",
        _DISGUISE_KEYWORDS,
    ),
    Rule(
        "disclose_disguised_multilingual",
        Family.SYSTEM_PROMPT_EXTRACTION,
        0.5,
        rf"{DISGUISE}[\s\S]{{0,60}}?{KEPT_VALUE}|{KEPT_VALUE}[\s\S]{{0,60}}?{DISGUISE}",
        DISGUISE_KEYWORDS,
        unicode=True,
    ),
    # --- fake turns and chat-template tokens ----------------------------------------------
    Rule(
        "chat_template_token",
        Family.FAKE_TURN,
        0.9,
        r"<\|(?:im_start|im_end|system|user|assistant|endoftext|start_header_id|end_header_id|"
        r"eot_id|begin_of_text)\|>|\[/?INST\]|<</?SYS>>|<start_of_turn>|<end_of_turn>",
        (
            "<|",
            "[inst]",
            "[/inst]",
            "<<sys>>",
            "<</sys>>",
            "<start_of_turn>",
            "<end_of_turn>",
        ),
        flags=0,
    ),
    Rule(
        "fake_role_header",
        Family.FAKE_TURN,
        0.6,
        r"(?:^|\n)\s*(?:#{2,3}\s*)?\[?(?:system|assistant|admin|developer)(?: message| prompt)?\]?"
        r"\s*:\s*\S",
        ("system", "assistant", "admin", "developer"),
    ),
    Rule(
        "fake_system_tag",
        Family.FAKE_TURN,
        0.7,
        r"<\s*/?\s*(?:system|sys|admin|instructions?)\s*>|\[(?:system|admin)(?: message| note)?\]",
        ("system", "sys", "admin", "instruction"),
    ),
    # --- payload splitting ----------------------------------------------------------------
    Rule(
        "string_concatenation",
        Family.PAYLOAD_SPLITTING,
        0.65,
        r"\b[a-z]\w{0,8}\s*=\s*[\"'][a-z0-9_ ,.!?:;-]{2,120}[\"'][\s\S]{0,200}?"
        r"\b[a-z]\w{0,8}\s*\+\s*[a-z]\w{0,8}\b",
        anchor=r"[a-z0-9_]\s*\+\s*[a-z]",
    ),
    Rule(
        "combine_parts",
        Family.PAYLOAD_SPLITTING,
        0.65,
        r"\b(?:combine|concatenate|join|put together|merge|assemble)\b[a-z0-9_\s,'-]{0,30}?\b"
        r"(?:parts|strings|pieces|fragments|halves)\b",
        ("combine", "concatenate", "join", "put together", "merge", "assemble"),
    ),
    # --- encoded instructions -------------------------------------------------------------
    Rule(
        "decode_and_follow",
        Family.ENCODED_INSTRUCTION,
        0.8,
        r"\b(?:decode|decipher|decrypt|translate|convert|reverse|unscramble)\b[a-z0-9_\s,'-]{0,40}?\b"
        r"(?:and|then)\s+(?:follow|execute|obey|do|perform|carry out|act on|run|answer|respond)",
        ("decode", "decipher", "decrypt", "translate", "convert", "reverse", "unscramble"),
    ),
    # --- persona / role-play jailbreaks ---------------------------------------------------
    Rule(
        "dan",
        Family.ROLEPLAY_PERSONA,
        0.95,
        r"\bdo anything now\b|\b(?:DAN|DUDE|STAN|AIM|UCAR|BetterDAN)\b(?= (?:mode|can|is|has|will|"
        r"which|stands|prompt|jailbreak)\b|:)",
        ("do anything now", "dan", "dude", "stan", "aim", "ucar"),
        flags=0,
    ),
    Rule(
        "jailbreak_word",
        Family.ROLEPLAY_PERSONA,
        0.85,
        r"\bjail ?br(?:eak|oken|oke)\b|\b(?:unrestricted|unfiltered|uncensored|evil|"
        r"chaos|opposite|unlocked|god) ?mode\b",
        ("jail", "mode"),
    ),
    Rule(
        "no_restrictions_persona",
        Family.ROLEPLAY_PERSONA,
        0.85,
        r"\b(?:pretend|act|behave|roleplay|role-play|play the role|simulate|you are|you're|become)\b"
        r"[a-z0-9_\s,'-]{0,60}?\b(?:without (?:any )?(?:restrictions|filters|limits|limitations|"
        r"censorship|ethics|morals|guidelines|rules)|no (?:restrictions|filters|limits|limitations|"
        r"censorship|ethics|morals|guidelines|rules)|unrestricted|unfiltered|uncensored|amoral|"
        r"unethical)\b",
        (
            "restriction",
            "filter",
            "limit",
            "censorship",
            "ethic",
            "moral",
            "guideline",
            "rules",
            "unrestricted",
            "unfiltered",
            "uncensored",
            "amoral",
            "unethical",
        ),
    ),
    Rule(
        "freed_from_rules",
        Family.ROLEPLAY_PERSONA,
        0.9,
        r"\b(?:broken free|been freed|break free|free(?:d)? (?:yourself )?from|escaped|no longer "
        r"(?:bound|restricted|limited|constrained)|not bound by|doesn't have to (?:abide|follow)|"
        r"does not have to (?:abide|follow)|don't have to (?:abide|follow)|do not have to (?:abide|follow))"
        r"\b[a-z0-9_\s,'-]{0,40}?\b(?:confines|rules|restrictions|polic(?:y|ies)|guidelines|limitations|"
        r"openai|anthropic|ethics)\b",
        (
            "confines",
            "rules",
            "restrictions",
            "polic",
            "guidelines",
            "limitations",
            "openai",
            "anthropic",
            "ethics",
        ),
    ),
    Rule(
        "stay_in_character",
        Family.ROLEPLAY_PERSONA,
        0.4,
        r"\b(?:stay|remain|keep) in character\b|\bbreak(?:ing)? character\b",
        ("character",),
    ),
    Rule(
        "dual_response",
        Family.ROLEPLAY_PERSONA,
        0.7,
        r"\b(?:two|2) (?:different |separate |distinct )?(?:ways|responses|answers|paragraphs)\b"
        r"[\s\S]{0,200}?\[[^\]\n]{1,20}\]",
        ("ways", "responses", "answers", "paragraphs"),
    ),
    # --- refusal suppression --------------------------------------------------------------
    Rule(
        "never_refuse",
        Family.REFUSAL_SUPPRESSION,
        0.75,
        r"\b(?:never|do not|don't|must not|cannot|can't|will not|won't|shouldn't|should not)\s+"
        r"(?:ever )?(?:refuse|decline|reject|say (?:that )?(?:you|it) (?:can't|cannot|are unable|"
        r"is unable)|apologi[sz]e|tell me (?:that )?(?:you|it) can't)\b",
        ("refuse", "decline", "reject", "apologi", "unable", "can't", "cannot"),
    ),
    Rule(
        "no_disclaimers",
        Family.REFUSAL_SUPPRESSION,
        0.55,
        r"\b(?:without|no|don't (?:add|include|give)|do not (?:add|include|give)|never (?:add|"
        r"include|give))\b (?:any )?(?:warnings?|disclaimers?|caveats|moral(?:izing|s)?|"
        r"lectures?|ethical (?:considerations|concerns))\b",
        ("warning", "disclaimer", "caveat", "moral", "lecture", "ethical"),
    ),
    Rule(
        "start_with_sure",
        Family.REFUSAL_SUPPRESSION,
        0.7,
        r"\b(?:start|begin) (?:your|each|every|the) (?:response|reply|answer|output)s? with\s+"
        r"[\"'“]?(?:sure|absolutely|of course|certainly)",
        ("start", "begin"),
    ),
)

# Turn markers counted for many-shot attacks (not a rule on its own: counted in detect).
MANY_SHOT_MARKER = Rule(
    "many_shot_turn",
    Family.MANY_SHOT,
    0.6,
    r"(?:^|\n|\s)(?:q|question|user|human)\s*:\s*\S[^\n]{0,400}?\s(?:a|answer|assistant|ai|bot)\s*:",
    anchor=r"(?:^|\s)(?:q|question|user|human)\s*:",
)
MANY_SHOT_MIN_TURNS = 6

RULES_BY_PATTERN: dict[str, Rule] = {
    rule.pattern().name: rule for rule in (*RULES, MANY_SHOT_MARKER)
}
PATTERNS: tuple[Pattern, ...] = tuple(rule.pattern() for rule in (*RULES, MANY_SHOT_MARKER))
# The rules run on the leet-folded view the engine does not scan, with their full regexes.
# Leet folds digits and symbols into Latin letters: rules for other scripts gain nothing there.
LEET_VIEW_RULES: tuple[tuple[Rule, re.Pattern[str]], ...] = tuple(
    (rule, re.compile(rule.full_regex(), rule.flags)) for rule in RULES if not rule.unicode
)
FULL_REGEX_BY_PATTERN: dict[str, tuple[Rule, re.Pattern[str]]] = {
    rule.pattern().name: (rule, re.compile(rule.full_regex(), rule.flags))
    for rule in (*RULES, MANY_SHOT_MARKER)
}
