import type { Plugin } from 'vite'

/**
 * Puts the entry stylesheet (the hall's layout, cards, type: a few kB) into index.html as a
 * `<style>` element, so the first paint — the shell the server fills in for item pages — does not
 * wait for one more request. The CSP allows inline styles (`style-src 'self' 'unsafe-inline'`);
 * scripts stay external. Build only.
 */
export function inlineEntryCss(): Plugin {
  return {
    name: 'sunlight:inline-entry-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle
        if (!bundle) return html
        return html.replace(/<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)">/g, (tag, file: string) => {
          const asset = bundle[file]
          if (!asset || asset.type !== 'asset') return tag
          const css = typeof asset.source === 'string' ? asset.source : Buffer.from(asset.source).toString('utf8')
          // The link stays with media="print" (fetched late, never render-blocking): Vite's preload
          // helper looks for it before a page chunk's import resolves, and would else fetch the
          // file again and wait for it.
          return `<style data-entry-css="${file}">${css.replace(/<\/style/gi, '<\\/style')}</style><link rel="stylesheet" href="/${file}" media="print">`
        })
      },
    },
  }
}
