/*! Gongkai 公开 search widget loader (widget/README.md).
 * Usage: <script src="https://<edge>/widget.js" data-endpoint="https://<edge>" defer></script>
 * Mounts a widget into every [data-gongkai] element (or after this script tag when there
 * is none). Options are data attributes on the host element, defaulting to this tag's. */
(function () {
  'use strict';
  var d = document, w = window;
  var script = d.currentScript;
  if (!script) {
    var all = d.querySelectorAll('script[src*="widget.js"]');
    script = all[all.length - 1];
  }
  if (!script || w.GongkaiWidget) return;
  var v = '__GK_VERSION__';
  var base = new URL('./', script.src).href;
  var ready = import(base + 'gongkai_widget.js?v=' + v).then(function (m) {
    return m.default({ module_or_path: base + 'gongkai_widget_bg.wasm?v=' + v }).then(function () { return m; });
  });
  function hosts() {
    var list = d.querySelectorAll('[data-gongkai]');
    if (list.length) return list;
    var el = d.createElement('div');
    el.setAttribute('data-gongkai', '');
    var p = script.parentNode;
    if (!p || p === d.head || p === d.documentElement) d.body.appendChild(el);
    else p.insertBefore(el, script.nextSibling);
    return [el];
  }
  function mount(m, el) {
    try { m.mount(el, script); } catch (e) { fail(el, e); }
  }
  function fail(el, e) {
    if (w.console) console.error('Gongkai widget:', e);
    if (!el.childNodes.length && !el.shadowRoot) {
      var p = d.createElement('p');
      p.textContent = '搜索组件加载失败，请刷新页面重试。Search failed to load.';
      el.appendChild(p);
    }
  }
  function start() {
    var list = hosts();
    ready.then(function (m) {
      for (var i = 0; i < list.length; i++) mount(m, list[i]);
    }, function (e) {
      for (var i = 0; i < list.length; i++) fail(list[i], e);
    });
  }
  /** For pages that add host elements later: GongkaiWidget.mount(element). */
  w.GongkaiWidget = {
    mount: function (el) { return ready.then(function (m) { mount(m, el); }); },
    version: v
  };
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', start);
  else start();
})();
