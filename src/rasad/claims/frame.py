"""A claim under construction: what the cue finder knows before content spans are closed."""

from __future__ import annotations

from dataclasses import dataclass

from rasad.claims.lexicon import Cue


@dataclass(eq=False)
class Frame:
    cue_tok: int  # first token of the cue
    cue_end_tok: int  # past its last token
    sent: int  # sentence index
    lo: int  # sentence token range [lo, hi)
    hi: int
    cue: Cue
    kind: str = ""  # direct | indirect | according_to
    # where the content is: that (after أن), colon, quote, quote_before («…» قال X), object (وصف X بـ…),
    # after_source (وبحسب X، …), backward (… وفق X), same (inside another report: قال X بحسب Y «…»)
    mode: str = ""
    intro_tok: int | None = None
    source: tuple[int, int] | None = None  # character span
    source_toks: tuple[int, int] | None = None  # token range when the source is in this sentence
    anonymous: bool = False
    inherited: bool = False  # the speaker was named in an earlier report (وأضاف أن …)
    passive: bool = False  # agentless (أفيد بأن): the source span is the cue itself
    region_tok: int | None = None  # first token of the whole attribution phrase when before the cue
    breaks: bool = False  # the frame opens a new clause, so it ends the content of the report before it
    via: Frame | None = None  # the outer report of a relayed one (X نقل عن Y)
    same_as: Frame | None = None  # an attribution inside another report's gap (قال X بحسب Y …): same content

    def region_start(self) -> int:
        return self.cue_tok if self.region_tok is None else min(self.region_tok, self.cue_tok)

    def region_end(self) -> int:
        end = self.cue_end_tok
        if self.source_toks is not None and self.source_toks[1] > end:
            end = self.source_toks[1]
        return end
