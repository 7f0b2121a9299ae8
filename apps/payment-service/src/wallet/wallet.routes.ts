import { requireUser } from '@platform/auth';
import { WalletQuerySchema } from '@platform/contracts';
import { parseInput } from '@platform/service-kit';
import { Router } from 'express';
import { type CardChargePort } from '../payments/ports';
import { parseTopUp, topUpWallet } from './top-up';
import { toWalletView } from './wallet-ledger';
import { type WalletRepository } from './wallet.repository';

/** Seed 003's user balance: the signed-in user's own wallet in their shop, and card top-ups. */
export function walletRouter(repo: WalletRepository, cards: CardChargePort): Router {
  const router = Router();

  router.get('/api/wallet', async (req, res) => {
    const user = requireUser(res);
    const { currency, limit } = parseInput(WalletQuerySchema, req.query, 'query');
    const wallet = await repo.read(user.tenantId, user.userId, currency, limit);
    res.json(toWalletView(user.userId, currency, wallet));
  });

  router.post('/api/wallet/top-up', async (req, res) => {
    const user = requireUser(res);
    const body = parseTopUp(req.body);
    res.status(201).json(await topUpWallet(user, body, cards, new Date()));
  });
  return router;
}
