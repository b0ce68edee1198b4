// Demo shop: a tiny single-page app (history.pushState between screens) wired to the TouchpointPipeline SDK.
// Configuration: query string (?endpoint=&writeKey=&source=&batchSize=&flushInterval=&consent=ask&respectDnt=0
// &payment=fail|ok|random) or window.TOUCHPOINT_DEMO = {...} set before this script. Defaults suit the dev host.
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var preset = window.TOUCHPOINT_DEMO || {};
  function opt(name, fallback) {
    return params.has(name) ? params.get(name) : preset[name] != null ? String(preset[name]) : fallback;
  }

  var tp = window.touchpoint;
  var PRICE = 129.9;
  var cart = JSON.parse(sessionStorage.getItem('demo-cart') || '[]');
  var $ = function (id) { return document.getElementById(id); };
  setTitle(); // before init, so the first page view of a deep link (?view=cart) carries its own title

  var askConsent = opt('consent', 'yes') === 'ask';
  tp.init({
    endpoint: opt('endpoint', '/api/events'),
    writeKey: opt('writeKey', 'demo-shop-local-write-key'),
    source: opt('source', location.origin + '/demo-shop'),
    batchSize: +opt('batchSize', 20),
    flushInterval: +opt('flushInterval', 1000),
    respectDoNotTrack: opt('respectDnt', '1') !== '0',
    // A real site passes what its consent manager stored; the demo asks every time when ?consent=ask.
    consent: !askConsent
  });

  function go(view, replace) {
    var next = new URLSearchParams(location.search);
    next.set('view', view);
    history[replace ? 'replaceState' : 'pushState'](null, '', '?' + next.toString());
    render();
  }

  function setTitle() {
    var view = new URLSearchParams(location.search).get('view') || 'product';
    document.querySelectorAll('[data-screen]').forEach(function (s) {
      s.hidden = s.getAttribute('data-screen') !== view;
    });
    var heading = document.querySelector('[data-screen="' + view + '"] h1');
    document.title = (heading ? heading.textContent : 'Shop') + ' - Demo shop';
  }

  function render() {
    setTitle();
    $('cart-count').textContent = String(cart.length);
    $('cart-items').innerHTML = '';
    cart.forEach(function (item) {
      var li = document.createElement('li');
      li.textContent = 'Trail shoe 42, size ' + item.size + ': ' + PRICE.toFixed(2) + ' EUR';
      $('cart-items').appendChild(li);
    });
    $('cart-total').textContent = (cart.length * PRICE).toFixed(2);
    var customer = tp.customerId();
    $('nav-login').textContent = customer ? 'Signed in: ' + customer : 'Sign in';
    $('sign-out').hidden = !customer;
  }

  document.addEventListener('click', function (e) {
    var link = e.target.closest('a[data-view]');
    if (link) {
      e.preventDefault();
      go(link.getAttribute('data-view'));
    }
  });
  window.addEventListener('popstate', render);

  $('add-to-cart').addEventListener('click', function () {
    cart.push({ size: $('size').value });
    sessionStorage.setItem('demo-cart', JSON.stringify(cart));
    $('product-status').textContent = 'Added to cart.';
    render();
  });

  // The broken button: its handler has a bug, so nothing visible happens (visitors click again and again).
  $('check-stock').addEventListener('click', function () {
    var store = null;
    $('product-status').textContent = 'In stock at ' + store.name;
  });

  $('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var query = $('q').value.trim();
    var count = /shoe|trail/i.test(query) ? 1 : 0;
    tp.track('search.performed', { query: query, resultCount: count, url: location.href });
    $('search-status').textContent = count + ' result(s) for your search.';
  });

  $('go-checkout').addEventListener('click', function () {
    tp.track('checkout.step', { step: 'cart', stepIndex: 1, cartValue: cart.length * PRICE, currency: 'EUR' });
    go('checkout');
  });

  var attempts = 0;
  $('checkout-form').addEventListener('submit', function (e) {
    e.preventDefault(); // only runs when the browser's validation passed (else `invalid` fired: form.error)
    attempts++;
    var amount = Math.max(1, cart.length) * PRICE;
    tp.track('checkout.step', { step: 'payment', stepIndex: 2, cartValue: amount, currency: 'EUR' });
    var mode = opt('payment', 'random');
    var fails = mode === 'fail' || (mode === 'random' && (attempts === 1 || Math.random() < 0.5));
    if (fails) {
      $('checkout-error').textContent = 'Payment declined (card_declined). Please try again or use another card.';
      tp.track('payment.failed', { reason: 'Card declined by issuer', code: 'card_declined', amount: amount, currency: 'EUR', paymentMethod: 'card' });
      tp.formError('checkout', 'cardNumber', 'Payment declined. Please try again or use another card.', 'card_declined');
      // The payment widget's retry promise is never awaited: an unhandled rejection, as seen in real shops.
      Promise.reject(new Error('PaymentWidget: 3-D Secure frame did not load'));
      return;
    }
    var orderId = 'ord-' + Date.now();
    tp.track('order.completed', { orderId: orderId, amount: amount, currency: 'EUR', itemCount: Math.max(1, cart.length) });
    cart = [];
    sessionStorage.removeItem('demo-cart');
    $('checkout-error').textContent = '';
    $('order-id').textContent = orderId;
    go('done');
  });

  $('login-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var customer = $('customer-number').value.trim();
    tp.identify(customer, { method: 'login' });
    $('password').value = '';
    $('login-status').textContent = 'Signed in as ' + customer + '.';
    render();
  });

  $('sign-out').addEventListener('click', function () {
    tp.reset();
    $('login-status').textContent = '';
    go('product');
  });

  if (askConsent) {
    $('consent').hidden = false;
    $('consent-accept').addEventListener('click', function () { tp.setConsent(true); $('consent').hidden = true; });
    $('consent-decline').addEventListener('click', function () { tp.setConsent(false); $('consent').hidden = true; });
  }

  render();
})();
