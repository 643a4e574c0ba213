import type { Page } from '@playwright/test';

/**
 * Which fonts really drew a slide's text: Chromium's own answer (DevTools' "Rendered fonts",
 * CSS.getPlatformFontsForNode) for every element of the slide that holds text, and the state of the
 * page's @font-face rules (document.fonts). The deck ships its faces, so a system font in the answer
 * means a character or a style the bundled files miss.
 */

export type FontUse = { family: string; custom: boolean; glyphs: number };

/** Every font that drew text in `slideId`'s elements, glyphs summed per family. */
export async function fontsDrawing(page: Page, slideId: string): Promise<FontUse[]> {
  await page.evaluate(async (id) => {
    const slide = document.getElementById(id)!;
    const { h, v } = window.ws101Reveal.getIndices(slide);
    window.ws101Reveal.slide(h, v, Number.MAX_SAFE_INTEGER); // every fragment shown
    await document.fonts.ready;
  }, slideId);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector: `section#${slideId} :not(aside.notes, aside.notes *, script, style)`,
    });
    const families = new Map<string, FontUse>();
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const font of fonts) {
        const seen = families.get(font.familyName) ?? {
          family: font.familyName,
          custom: font.isCustomFont,
          glyphs: 0,
        };
        seen.glyphs += font.glyphCount;
        families.set(font.familyName, seen);
      }
    }
    return [...families.values()].filter((font) => font.glyphs > 0);
  } finally {
    await cdp.detach();
  }
}

/** The page's @font-face families that loaded, and any that failed to. */
export async function fontFaces(page: Page): Promise<{ loaded: string[]; failed: string[] }> {
  return page.evaluate(() => {
    const faces = [...document.fonts];
    const names = (status: FontFaceLoadStatus) => [
      ...new Set(faces.filter((face) => face.status === status).map((face) => face.family.replace(/"/g, ''))),
    ];
    return { loaded: names('loaded'), failed: names('error') };
  });
}
