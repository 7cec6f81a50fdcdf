// What a person reads when connecting Coinbase: how to make a read-only CDP key, and
// what Coinbase's API cannot tell Keyfolio. Facts from exchange-apis.md §3.1 and
// product-landscape.md §1.6.
#include "exchanges/coinbase/coinbase.hpp"

namespace kf::exchanges::coinbase {

std::vector<std::string> keyGuide() {
  return {
      "Sign in to the Coinbase Developer Platform (portal.cdp.coinbase.com; Coinbase's Settings "
      "→ API leads there too), open API Keys and choose Create API key.",
      "Name the key, e.g. Keyfolio, and pick the portfolio it may see: a key sees one portfolio "
      "only.",
      "Under permissions tick \"View\" only; leave \"Trade\" and \"Transfer\" unticked.",
      "Under Advanced settings, choose ECDSA as the signature algorithm (Keyfolio accepts "
      "Ed25519 too, but Coinbase's own tools expect ECDSA), and add your own IP address to the "
      "IP allowlist if it is fixed.",
      "Create the key and confirm with your two-factor code.",
      "Download the key file (cdp_api_key.json, holding the key name and private key): "
      "Coinbase shows the private key only once. Import that file in Keyfolio, or paste the "
      "name as the API key and the whole private key, BEGIN and END lines included, as the "
      "secret.",
      "Coinbase reports a key's permissions, so Keyfolio checks them and refuses a key that "
      "can trade or transfer.",
  };
}

std::vector<std::string> historyNotes() {
  return {
      "Trades are the fills of Advanced Trade orders. Simple Buy, Sell and Convert in the "
      "Coinbase app may appear only as account transactions, which Keyfolio does not count as "
      "trades.",
      "A key sees one portfolio: connect one key per portfolio to see them all.",
      "Deposits and withdrawals come from each account's transaction list (every currency is "
      "its own account), one request series per account; sends, receives and fiat deposits "
      "and withdrawals count, rewards and card spending do not.",
      "Coinbase has no ledger: staking and Earn rewards are missing from the history, though "
      "balances include them.",
  };
}

}  // namespace kf::exchanges::coinbase
