import { startDeck } from './deck/deck.ts';

void startDeck();
