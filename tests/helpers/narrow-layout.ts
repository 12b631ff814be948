import { expect } from "vitest";
import type { Frame, Page } from "playwright-core";

/** Makes the tab's frame exactly `width` px wide (the host's chat pane keeps its own width), as on a phone or in Teams' side panel. */
export async function narrowTab(page: Page, tab: Frame, width: number): Promise<void> {
  const chatWidth = await page.evaluate(() => document.querySelector(".chat")?.getBoundingClientRect().width ?? 0);
  await page.setViewportSize({ width: Math.ceil(chatWidth) + width, height: 900 });
  await tab.waitForFunction((w) => Math.abs(window.innerWidth - w) <= 1, width);
}

/**
 * What a narrow layout must never do (docs/spec.md §8, from 320 px): scroll the page sideways, cut a word
 * over two lines, or squeeze a control's text so it no longer shows whole (the issue saw "Te" for "Teacher").
 */
export interface LayoutFaults {
  /** How many px the page scrolls sideways (0 when it does not). */
  sideways: number;
  brokenWords: string[];
  squeezed: string[];
}

export async function layoutFaults(tab: Frame): Promise<LayoutFaults> {
  return tab.evaluate(() => {
    const visible = (element: Element | null): element is HTMLElement => {
      if (!(element instanceof HTMLElement)) return false;
      const box = element.getBoundingClientRect();
      // Visually hidden text (a table's header row at narrow widths, live regions) is 1 px wide on purpose.
      return box.width > 1 && box.height > 1 && getComputedStyle(element).visibility !== "hidden";
    };

    // A word whose letters sit on more than one line was broken mid-word. A line may end after a hyphen
    // ("Longname-", a GUID's groups): each part between hyphens counts as a word.
    const brokenWords: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!visible(node.parentElement)) continue;
      const text = node.textContent ?? "";
      for (const match of text.matchAll(/[^\s\-‐–—]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) brokenWords.push(match[0]);
      }
    }

    // A control whose own text does not fit: a select narrower than its chosen option, or clipped text.
    const squeezed: string[] = [];
    const canvas = document.createElement("canvas").getContext("2d")!;
    for (const select of document.querySelectorAll("select")) {
      if (!visible(select)) continue;
      const style = getComputedStyle(select);
      canvas.font = style.font;
      const label = select.selectedOptions[0]?.text ?? "";
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (canvas.measureText(label).width > room + 1) squeezed.push(`select "${label}" (${Math.round(room)} px)`);
    }
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      if (!visible(element) || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) continue;
      const style = getComputedStyle(element);
      const clips = ["hidden", "clip"].includes(style.overflowX) || style.textOverflow === "ellipsis";
      if (clips && element.scrollWidth > element.clientWidth + 1 && (element.textContent ?? "").trim()) {
        squeezed.push(`${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40)}"`);
      }
    }

    return { sideways: Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth), brokenWords, squeezed };
  });
}

export async function expectNarrowLayoutHolds(tab: Frame, where: string): Promise<void> {
  const faults = await layoutFaults(tab);
  expect(faults, where).toEqual({ sideways: 0, brokenWords: [], squeezed: [] });
}

/** The text a person sees in the tab (not hidden markup, not attribute values). */
export function visibleText(tab: Frame): Promise<string> {
  return tab.evaluate(() => document.body.innerText);
}
